using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>startup [--spans 2048] [--rounds 3] [--gap 0]</c>: how long a fresh engine's first spans take to arrive. Each round makes a
/// new engine (the ingest output discarding, the standard OTLP output over HTTP to a receiver in a process of its own,
/// <see cref="SinkProcess"/>), waits <c>--gap</c> milliseconds (an application starting between configuring Tracentic
/// and its first spans), records a burst of spans at once and prints when the receiver counted them. The first
/// round is a fresh process's first export (its code compiled, its connections opened, the receiver's first requests);
/// the later rounds show the same once warm.
/// </summary>
internal static class StartupBurstTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var spans = ModeArguments.Int(args, "--spans", 2048);
        var rounds = ModeArguments.Int(args, "--rounds", 3);
        var gap = TimeSpan.FromMilliseconds(ModeArguments.Int(args, "--gap", 0));
        await using var sink = await SinkProcess.StartAsync();
        for (var round = 0; round < rounds; round++)
        {
            sink.Reset();
            var (engine, scope, span, _) = IngestAndOtlpSetup.Create(sink.BaseUrl);
            await Task.Delay(gap);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < spans; i++)
            {
                engine.RecordSpan(scope, span);
            }

            var recorded = clock.Elapsed;
            var arrivals = new List<string>();
            var counted = 0L;
            while (counted < spans && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(2);
                if (sink.Spans is var now && now != counted)
                {
                    counted = now;
                    arrivals.Add(string.Create(CultureInfo.InvariantCulture, $"{counted:N0} at {clock.Elapsed.TotalMilliseconds:0} ms"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "fresh process" : "warm")}: {spans:N0} spans recorded in {recorded.TotalMilliseconds:0.0} ms; the receiver counted {string.Join(", ", arrivals)}; dropped {engine.DroppedSpans:N0}"));
            await engine.ShutdownAsync();
        }

        return 0;
    }
}
