using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>The options of the command-line modes (<c>load</c>, <c>outage</c>, <c>steady</c>, <c>threads</c>): <c>--name value</c>.</summary>
internal static class ModeArguments
{
    public static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static double Double(string[] args, string name, double fallback) =>
        Value(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string Text(string[] args, string name, string fallback) => Value(args, name) ?? fallback;

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
