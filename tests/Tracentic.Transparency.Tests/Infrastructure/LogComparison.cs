using System.Text;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>One line the contract allows to differ: in this shape, a line with this prefix, if the observed value passes.</summary>
internal sealed record AllowedDifference(string Shape, string Prefix, Func<string, bool> Observed, string Why);

/// <summary>A shape whose events differ from the truth, with the first differing event.</summary>
internal sealed record ShapeDifference(string Shape, int Index, string? Truth, string? Observed)
{
    public override string ToString() =>
        $"  {Shape}: first difference at event {Index + 1}\n      truth:    {Truth ?? "(no more events)"}\n      observed: {Observed ?? "(no more events)"}";
}

/// <summary>Compares event logs shape by shape ("shape: event" lines), so every differing shape is reported, not only the first.</summary>
internal static class LogComparison
{
    public static Dictionary<string, List<string>> ByShape(IEnumerable<string> lines)
    {
        var shapes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var shape = colon > 0 ? line[..colon] : "(unparsed)";
            if (!shapes.TryGetValue(shape, out var events))
            {
                shapes[shape] = events = [];
            }

            events.Add(colon > 0 ? line[(colon + 2)..] : line);
        }

        return shapes;
    }

    public static List<ShapeDifference> Compare(IReadOnlyList<string> truth, IReadOnlyList<string> observed, IReadOnlyList<AllowedDifference> allowed)
    {
        var expected = ByShape(truth);
        var actual = ByShape(observed);
        var differences = new List<ShapeDifference>();
        foreach (var shape in expected.Keys.Concat(actual.Keys.Where(k => !expected.ContainsKey(k))))
        {
            var t = expected.GetValueOrDefault(shape) ?? [];
            var o = actual.GetValueOrDefault(shape) ?? [];
            for (var i = 0; i < Math.Max(t.Count, o.Count); i++)
            {
                var te = i < t.Count ? t[i] : null;
                var oe = i < o.Count ? o[i] : null;
                if (te == oe || (te is not null && oe is not null && IsAllowed(shape, te, oe, allowed)))
                {
                    continue;
                }

                differences.Add(new ShapeDifference(shape, i, te is null ? null : shape + ": " + te, oe is null ? null : shape + ": " + oe));
                break;
            }
        }

        return differences;
    }

    private static bool IsAllowed(string shape, string truth, string observed, IReadOnlyList<AllowedDifference> allowed) =>
        allowed.Any(a => a.Shape == shape && truth.StartsWith(a.Prefix, StringComparison.Ordinal)
            && observed.StartsWith(a.Prefix, StringComparison.Ordinal) && a.Observed(observed[a.Prefix.Length..]));

    public static string Report(string what, IReadOnlyList<ShapeDifference> differences, int shapeCount, string logs)
    {
        var text = new StringBuilder();
        text.AppendLine($"{what}: {differences.Count} of {shapeCount} shapes differ from the truth (logs in {logs}):");
        text.AppendLine("  differing shapes: " + string.Join(", ", differences.Select(d => d.Shape)));
        foreach (var d in differences)
        {
            text.AppendLine(d.ToString());
        }

        return text.ToString();
    }
}
