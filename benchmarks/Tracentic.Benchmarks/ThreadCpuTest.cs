using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>threads [--outputs ingest|both] [--seconds 3]</c>: records in a saturated loop (as the BenchmarkDotNet classes do)
/// and prints the CPU time of every thread of the process by name (Linux, from <c>/proc/self/task</c>), so a slower
/// loop can be told apart: recording's own cost, or other threads taking the cores from it.
/// </summary>
internal static class ThreadCpuTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var both = Array.IndexOf(args, "both") >= 0;
        var seconds = ModeArguments.Double(args, "--seconds", 3);
        await using var sink = both ? await LoadSink.StartAsync() : null;
        var (client, scope, span, ingest) = IngestAndOtlpSetup.Create(sink?.BaseUrl);

        for (var i = 0; i < 200_000; i++)
        {
            client.RecordSpan(scope, span);
        }

        var exportedBefore = Interlocked.Read(ref ingest.Exported);
        var before = ThreadTimes();
        var gcs = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        long calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                client.RecordSpan(scope, span);
            }

            calls += 1000;
        }

        var elapsed = clock.Elapsed;
        var after = ThreadTimes();
        var exported = Interlocked.Read(ref ingest.Exported) - exportedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(both ? "ingest + OTLP over HTTP" : "ingest (discarding)")}: {calls:N0} calls in {elapsed.TotalSeconds:0.00} s, {elapsed.TotalMilliseconds * 1e6 / calls:0.0} ns per call; {GC.CollectionCount(0) - gcs} GCs; sink got {sink?.Spans ?? 0:N0} spans"));
        var byName = after.GroupBy(t => t.Value.Name).Select(g => (Name: g.Key, Ms: g.Sum(t => t.Value.Ms - (before.TryGetValue(t.Key, out var b) ? b.Ms : 0)))).ToList();
        var exportMs = byName.Where(g => g.Name.StartsWith("Tracentic expor", StringComparison.Ordinal)).Sum(g => g.Ms); // thread names are cut at 15 characters
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the ingest output took {exported:N0} spans ({(double)exported / calls:P0}); the export thread's CPU per span taken: {exportMs * 1e6 / Math.Max(1, exported):0} ns"));
        foreach (var group in byName.OrderByDescending(g => g.Ms))
        {
            if (group.Ms > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Name,-20} {group.Ms,7:N0} ms CPU ({group.Ms / elapsed.TotalMilliseconds:P0} of a core)"));
            }
        }

        await client.ShutdownAsync();
        return 0;
    }

    private static Dictionary<int, (string Name, double Ms)> ThreadTimes()
    {
        var ticksPerSecond = 100.0; // USER_HZ
        var times = new Dictionary<int, (string, double)>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                times[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, ticks * 1000 / ticksPerSecond);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return times;
    }
}
