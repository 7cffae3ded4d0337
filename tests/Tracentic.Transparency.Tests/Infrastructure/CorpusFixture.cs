using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>
/// Builds the corpus once (without and with the generator) and runs it three times in parallel: the truth, the
/// generator build unconfigured, and the generator build configured against a loopback ingest receiver.
/// Everything is written under <see cref="Root"/> (TRACENTIC_TRANSPARENCY_LOGS chooses the folder; default:
/// transparency-run beside the test assembly, replaced by every run, so two checkouts never share it).
/// </summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    internal string Root { get; private set; } = "";

    internal CorpusBuild Truth { get; private set; } = null!;

    internal CorpusBuild Generated { get; private set; } = null!;

    internal CorpusRun TruthRun { get; private set; } = null!;

    internal CorpusRun TruthAgain { get; private set; } = null!;

    internal CorpusRun Unconfigured { get; private set; } = null!;

    internal CorpusRun Configured { get; private set; } = null!;

    internal IReadOnlyList<ReceivedSpan> Spans { get; private set; } = [];

    internal string Timings { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Root = Environment.GetEnvironmentVariable("TRACENTIC_TRANSPARENCY_LOGS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AppContext.BaseDirectory, "transparency-run");
        // Replace only what a previous run wrote: the folder may be one the user named.
        foreach (var previous in new[] { "truth", "generated", "shapes" }.Select(f => Path.Combine(Root, f)).Where(Directory.Exists))
        {
            Directory.Delete(previous, recursive: true);
        }

        Directory.CreateDirectory(Root);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var truth = Task.Run(() => CorpusBuild.CreateAsync("truth", Root, generator: false));
        var generated = Task.Run(() => CorpusBuild.CreateAsync("generated", Root, generator: true));
        Truth = await truth;
        Generated = await generated;
        var built = clock.Elapsed;

        await using var receiver = await IngestReceiver.StartAsync("difftest");
        await File.WriteAllLinesAsync(Path.Combine(Root, "sites.txt"), Generated.Sites.Select(s => s.ToString()
            + string.Concat(Generated.Diagnostics.Where(d => d.Id.StartsWith("TRC", StringComparison.Ordinal) && d.IsAbout(s)).Select(d => " " + d.Id))));
        var runs = await Task.WhenAll(
            CorpusRun.StartAsync(Truth, "truth", null),
            CorpusRun.StartAsync(Truth, "truth-again", null),
            CorpusRun.StartAsync(Generated, "unconfigured", null),
            CorpusRun.StartAsync(Generated, "configured", receiver.BaseUrl));
        (TruthRun, TruthAgain, Unconfigured, Configured) = (runs[0], runs[1], runs[2], runs[3]);
        Spans = receiver.Spans;
        Timings = $"built both in {built.TotalSeconds:0.0} s, ran four times in {(clock.Elapsed - built).TotalSeconds:0.0} s "
            + $"(test process CPU so far {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s)";
        await File.WriteAllTextAsync(Path.Combine(Root, "timings.txt"), Timings);

        // One file per shape and run, for reading differences side by side.
        foreach (var run in runs)
        {
            var folderOfRun = Path.Combine(Root, "shapes", run.Name);
            Directory.CreateDirectory(folderOfRun);
            foreach (var (shape, events) in LogComparison.ByShape(run.Lines))
            {
                File.WriteAllLines(Path.Combine(folderOfRun, string.Concat(shape.Split(Path.GetInvalidFileNameChars())) + ".log"), events);
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
