using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// Sustained load: records spans at a fixed rate for a fixed time through a real SDK into a sink on 127.0.0.1, then
/// reports recorded vs delivered, process CPU per 1,000 delivered spans and the peak working set.
/// <c>load [--sdk tracentic|otel|both] [--rate 100000] [--seconds 5] [--queue 2048] [--batch 512] [--cold]
/// [--export http|json|discard] [--max-rate]</c>. With <c>--sdk both</c> the Tracentic engine and
/// the OpenTelemetry .NET SDK (ActivitySource, batch processor, OTLP http/protobuf exporter) run one after the other
/// each in a fresh process with the same settings and a fresh sink each (in a child process, so process CPU is the SDK's alone; <c>--sink-in-process</c> to count it too), and a side-by-side table follows. <c>--max-rate</c> raises the rate by
/// 100,000 spans/s until an SDK delivers less than 100 %. Unless <c>--cold</c>, one batch goes through the whole path
/// first (connection, JIT) and is not counted.
/// </summary>
internal static class LoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sdk = ModeArguments.Text(args, "--sdk", "tracentic");
        var results = new List<LoadResult>();
        if (sdk == "both")
        {
            // Each SDK in a fresh process: run one after the other in one process, the second would find the runtime's
            // shared code (HTTP, sockets, tasks) already compiled at tier 1 and look cheaper than it is.
            foreach (var subject in new[] { "tracentic", "otel" })
            {
                results.AddRange(await RunChildAsync(subject, args));
            }
        }
        else if (args.Contains("--max-rate"))
        {
            foreach (var subject in new[] { sdk })
            {
                for (var rate = 100_000; rate <= 1_000_000; rate += 100_000)
                {
                    var result = await RunOnceAsync(subject, rate, args);
                    results.Add(result);
                    if (result.Delivered < result.Recorded)
                    {
                        break;
                    }
                }
            }
        }
        else
        {
            results.Add(await RunOnceAsync(sdk, ModeArguments.Int(args, "--rate", 100_000), args));
        }

        foreach (var r in sdk == "both" ? [] : results)
        {
            // Read by a parent run (--sdk both); one line per run.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ResultPrefix}{r.Sdk} {r.Rate} {r.Recorded} {r.Delivered} {r.Cpu.Ticks} {r.SinkCpu?.Ticks ?? -1} {r.PeakWorkingSet}"));
        }

        Console.WriteLine();
        Console.WriteLine("| SDK | rate (spans/s) | delivered | SDK process CPU per 1,000 delivered spans | sink CPU per 1,000 | peak working set |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Sdk} | {r.Rate:N0} | {100.0 * r.Delivered / r.Recorded:0.000} % | {r.Cpu.TotalMilliseconds * 1000 / Math.Max(1, r.Delivered):0.00} ms | {(r.SinkCpu is { } s ? $"{s.TotalMilliseconds * 1000 / Math.Max(1, r.Delivered):0.00} ms" : "in process")} | {r.PeakWorkingSet / 1048576.0:0} MiB |"));
        }

        return results.All(r => r.Delivered == r.Recorded) ? 0 : 1;
    }

    private const string ResultPrefix = "load-result: ";

    /// <summary>Runs one SDK's load test in a child process (this executable), echoing its output; returns its results.</summary>
    private static async Task<List<LoadResult>> RunChildAsync(string sdk, string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadTest).Assembly.Location);
        }

        start.ArgumentList.Add("load");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--sdk")
            {
                i++;
                continue;
            }

            start.ArgumentList.Add(args[i]);
        }

        start.ArgumentList.Add("--sdk");
        start.ArgumentList.Add(sdk);
        using var child = Process.Start(start)!;
        var results = new List<LoadResult>();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                var f = line[ResultPrefix.Length..].Split(' ');
                long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
                results.Add(new LoadResult(f[0], (int)L(1), L(2), L(3), TimeSpan.FromTicks(L(4)), L(5) < 0 ? null : TimeSpan.FromTicks(L(5)), L(6)));
            }
            else if (!line.StartsWith('|') && line.Length > 0)
            {
                Console.WriteLine(line);
            }
        }

        await child.WaitForExitAsync();
        return results;
    }

    private static async Task<LoadResult> RunOnceAsync(string sdk, int rate, string[] args)
    {
        var seconds = ModeArguments.Int(args, "--seconds", 5);
        var defaults = new TracenticOptions();
        var queue = ModeArguments.Int(args, "--queue", defaults.QueueCapacity);
        var batch = ModeArguments.Int(args, "--batch", defaults.MaxBatchSize);
        var total = (long)rate * seconds;
        var mode = ModeArguments.Text(args, "--export", "http"); // discard | json | http (default); Tracentic only
        await using ILoadSink sink = args.Contains("--sink-in-process") ? await LoadSink.StartAsync() : await SinkProcess.StartAsync();
        ILoadSubject subject = sdk == "otel"
            ? new OpenTelemetrySubject(sink.BaseUrl, queue, batch)
            : new TracenticSubject(sink.BaseUrl, queue, batch, mode);

        if (!args.Contains("--cold"))
        {
            // One batch through the whole path first, as a running service has: the first request pays for the
            // connection and for JIT-compiling both HTTP stacks (~100 ms here, i.e. 10,000 spans at 100k/s).
            for (var i = 0; i < batch; i++)
            {
                subject.Record(i);
            }

            await subject.FlushAsync();
            subject.Reset();
            sink.Reset();
        }

        GC.Collect();
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var sampler = new Timer(_ => InterlockedMax(ref peak, Environment.WorkingSet), null, 0, 20);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"[{sdk}] recording {total:N0} spans at {rate:N0}/s for {seconds} s (queue {queue}, batch {batch}, {(args.Contains("--cold") ? "cold start" : "after one warm-up batch")}) into {(mode == "http" || sdk == "otel" ? $"loopback sink at {sink.BaseUrl}" : mode)}");
        var timer = Stopwatch.StartNew();
        long recorded = 0;
        while (recorded < total)
        {
            var due = Math.Min(total, (long)(timer.Elapsed.TotalSeconds * rate));
            while (recorded < due)
            {
                subject.Record(recorded);
                recorded++;
            }

            Thread.Sleep(1);
        }

        var recordingTime = timer.Elapsed;
        await subject.FlushAsync();
        var drainTime = timer.Elapsed - recordingTime;
        await subject.DisposeAsync();
        InterlockedMax(ref peak, Environment.WorkingSet);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var delivered = mode == "http" || sdk == "otel" ? sink.Spans : subject.Exported;
        var sinkCpu = sink is SinkProcess child ? child.Cpu : (TimeSpan?)null;
        var sinkShare = sinkCpu is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"{c.TotalSeconds:0.00} s ({c.TotalMilliseconds * 1000 / Math.Max(1, delivered):0.00} ms per 1,000 delivered spans, in its own process)")
            : "counted in the process CPU above (--sink-in-process)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            recorded         {recorded:N0} in {recordingTime.TotalSeconds:0.00} s ({recorded / recordingTime.TotalSeconds:N0} spans/s)
            delivered        {delivered:N0} ({100.0 * delivered / recorded:0.000} %) in {sink.Requests:N0} requests, {sink.Bytes / 1048576.0:0.0} MiB
            drain after end  {drainTime.TotalMilliseconds:0} ms
            working set      {baseline / 1048576.0:0.0} MiB before, {peak / 1048576.0:0.0} MiB peak
            {subject.Describe()}
            process CPU      {cpu.TotalSeconds:0.00} s ({cpu.TotalMilliseconds * 1000 / Math.Max(1, delivered):0.00} ms per 1,000 delivered spans: recording, queue, serializing, HTTP client)
            sink CPU         {sinkShare}
            GCs (0/1/2)      {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}
            """));
        return new LoadResult(sdk, rate, recorded, delivered, cpu, sinkCpu, peak);
    }

    private sealed record LoadResult(string Sdk, int Rate, long Recorded, long Delivered, TimeSpan Cpu, TimeSpan? SinkCpu, long PeakWorkingSet);



    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
