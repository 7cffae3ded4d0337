using System.Text.RegularExpressions;

namespace Tracentic.IntegrationTests.Infrastructure;

/// <summary>What a sample prints, with what changes from run to run (ids, durations, batching) masked.</summary>
internal static partial class SampleOutput
{
    public static string Mask(string output)
    {
        var text = output.ReplaceLineEndings("\n");
        text = ScopeId().Replace(text, "#<id>");
        text = Milliseconds().Replace(text, "<n> ms");
        text = Requests().Replace(text, "in <n> request(s)");
        return text;
    }

    /// <summary>Compares with the expected file next to the test; on a mismatch writes <c>.received.txt</c> beside it.</summary>
    public static void AssertMatches(string expectedFile, string actual)
    {
        var path = Path.Combine(Repository.PathOf("tests/Tracentic.IntegrationTests/Samples"), expectedFile);
        var received = Path.ChangeExtension(path, ".received.txt");
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"The sample's output differs from {path}; what it printed is in {received}. If the change is intended, replace the expected file with it.\n\n{actual}");
    }

    [GeneratedRegex("#[0-9a-f]{8}\\b")]
    private static partial Regex ScopeId();

    [GeneratedRegex("\\b\\d+ ms\\b")]
    private static partial Regex Milliseconds();

    [GeneratedRegex("in \\d+ request\\(s\\)")]
    private static partial Regex Requests();
}
