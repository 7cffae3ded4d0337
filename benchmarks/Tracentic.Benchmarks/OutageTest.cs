using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>outage [--endpoint refused|hang] [--rate 100000] [--seconds 5]</c>: records at a steady rate through the real
/// HTTP ingest output while its endpoint is down (connections refused, or accepted and never answered), timing every
/// RecordSpan call on the recording thread, then prints the median, p99, p99.9, the slowest call and how many took
/// over 2 ms. Goal: p99 ≤ 3 µs, none over 2 ms on a quiet machine.
/// </summary>
internal static class OutageTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpointKind = Text(args, "--endpoint", "refused");
        var rate = Option(args, "--rate", 100_000);
        var seconds = Option(args, "--seconds", 5);

        using var hanging = endpointKind == "hang" ? new TcpListener(IPAddress.Loopback, 0) : null;
        var accepted = new List<Socket>();
        string endpoint;
        if (hanging is not null)
        {
            hanging.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)hanging.LocalEndpoint).Port}";
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    var socket = await hanging.AcceptSocketAsync();
                    lock (accepted)
                    {
                        accepted.Add(socket); // held open, never read from or answered
                    }
                }
            });
        }
        else
        {
            using var closed = new TcpListener(IPAddress.Loopback, 0);
            closed.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}";
            closed.Stop();
        }

        var client = new TracenticEngine(new TracenticOptions
        {
            ApiKey = "outage-test",
            Endpoint = endpoint,
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            ExportTimeout = TimeSpan.FromSeconds(2),
        }, new ExportSetup { HookExits = false });
        var scope = client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        var start = DateTimeOffset.UtcNow;
        var span = new TracenticSpan
        {
            StartedAt = start,
            EndedAt = start.AddMilliseconds(250),
            Provider = "openai",
            Model = "gpt-4o",
            InputTokens = 1200,
            OutputTokens = 300,
            OperationType = "chat",
        };

        // Warm-up (JIT) outside the measurement.
        for (var i = 0; i < 20_000; i++)
        {
            client.RecordSpan(scope, span);
        }

        var total = rate * seconds;
        var ticks = new long[total];
        var gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var slowTicks = Stopwatch.Frequency / 500; // 2 ms
        var slow = new List<(long Ticks, int Generation)>();
        var clock = Stopwatch.StartNew();
        var perSpan = (double)Stopwatch.Frequency / rate;
        for (var i = 0; i < total; i++)
        {
            var due = (long)(i * perSpan);
            while (clock.ElapsedTicks < due)
            {
                Thread.SpinWait(10);
            }

            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var before = Stopwatch.GetTimestamp();
            client.RecordSpan(scope, span);
            ticks[i] = Stopwatch.GetTimestamp() - before;
            if (ticks[i] > slowTicks)
            {
                // A slow call is told apart by whether a collection ran during it (a pause of the whole process).
                slow.Add((ticks[i], GC.CollectionCount(2) != gen2 ? 2 : GC.CollectionCount(1) != gen1 ? 1 : GC.CollectionCount(0) != gen0 ? 0 : -1));
            }
        }

        var elapsed = clock.Elapsed;
        var gcs = GC.CollectionCount(0) - gcBefore;
        var paused = GC.GetTotalPauseDuration() - pauseBefore;
        Array.Sort(ticks);
        double Micros(long t) => t * 1e6 / Stopwatch.Frequency;
        double At(double q) => Micros(ticks[(int)Math.Min(total - 1, q * total)]);
        var over2ms = slow.Count;
        var duringGc = slow.Count(s => s.Generation >= 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outage ({endpointKind}), {total:N0} RecordSpan calls at {rate:N0}/s over {elapsed.TotalSeconds:0.0} s: median {At(0.5):0.00} µs, p99 {At(0.99):0.00} µs, p99.9 {At(0.999):0.00} µs, max {Micros(ticks[^1]):0} µs, over 2 ms: {over2ms} ({duringGc} during a collection{Slowest(slow, Micros)}); dropped {client.DroppedSpans:N0}; GCs {gcs} pausing {paused.TotalMilliseconds:0} ms in all"));

        await client.ShutdownAsync();
        lock (accepted)
        {
            accepted.ForEach(s => s.Dispose());
        }

        return 0;
    }

    private static string Slowest(List<(long Ticks, int Generation)> slow, Func<long, double> micros) =>
        slow.Count == 0 ? "" : ": " + string.Join(", ", slow.OrderByDescending(s => s.Ticks).Take(8)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{micros(s.Ticks) / 1000:0.0} ms{(s.Generation < 0 ? "" : $" gen{s.Generation}")}")));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
