using System.Runtime.CompilerServices;

namespace Tracentic.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated source with <c>Snapshots/&lt;Class&gt;.&lt;Test&gt;.verified.cs</c> beside the tests. A mismatch
/// (or a missing file) writes <c>.received.cs</c> and fails; set TRACENTIC_ACCEPT_SNAPSHOTS=1 to accept.
/// </summary>
internal static class Snapshot
{
    public static void Match(string? actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        Assert.NotNull(actual);
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var stem = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
        var verifiedPath = stem + ".verified.cs";
        var receivedPath = stem + ".received.cs";
        var normalized = actual!.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("TRACENTIC_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(verified is null
            ? $"No snapshot yet: review {receivedPath}, then rerun with TRACENTIC_ACCEPT_SNAPSHOTS=1 to accept it."
            : $"Generated source changed: compare {receivedPath} with {verifiedPath}; rerun with TRACENTIC_ACCEPT_SNAPSHOTS=1 to accept.");
    }
}
