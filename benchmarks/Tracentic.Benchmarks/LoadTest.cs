using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>
/// Sustained load: records spans at a fixed rate for a fixed time into the real HTTP exporter, posting to a
/// Kestrel sink on 127.0.0.1, then reports recorded vs delivered and the peak working set.
/// <c>load --rate 100000 --seconds 5 [--queue 2048] [--batch 512] [--cold] [--export http|json|discard] [--sink kestrel|raw]</c>
/// Unless <c>--cold</c>, one batch goes through the whole path first (connection, JIT) and is not counted.
/// </summary>
internal static class LoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 100_000);
        var seconds = Option(args, "--seconds", 5);
        var defaults = new TracenticOptions();
        var queue = Option(args, "--queue", defaults.QueueCapacity);
        var batch = Option(args, "--batch", defaults.MaxBatchSize);
        var total = (long)rate * seconds;
        TimedExporter? timing = null;
        var modeAt = Array.IndexOf(args, "--export");
        var mode = modeAt >= 0 && modeAt + 1 < args.Length ? args[modeAt + 1] : "http"; // discard | json | http (default)

        var sinkAt = Array.IndexOf(args, "--sink");
        var sinkKind = sinkAt >= 0 && sinkAt + 1 < args.Length ? args[sinkAt + 1] : "kestrel"; // kestrel (default) | raw
        await using ISink sink = sinkKind == "raw" ? new RawSocketSink() : await CountingSink.StartAsync();
        var client = new TracenticClient(new TracenticOptions
        {
            ApiKey = "load-test-key",
            Endpoint = sink.BaseUrl,
            ServiceName = "load-test",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
            QueueCapacity = queue,
            MaxBatchSize = batch,
        }, new ExportSetup
        {
            Output = (settings, log) => timing = new TimedExporter(mode switch
            {
                "discard" => new DiscardExporter(),
                "json" => new JsonOnlyExporter(new OtlpJsonWriter(settings, log, WireLimits.Default)),
                _ => new TracenticIngestOutput(settings, log, WireLimits.Default),
            }),
            HookExits = false,
        });
        var scopes = Enumerable.Range(0, 16).Select(i => client.Begin("request", new() { ["user_id"] = $"user-{i}" })).ToArray();

        if (!args.Contains("--cold"))
        {
            // One batch through the whole path first, as a running service has: the first request pays for the
            // connection and for JIT-compiling both HTTP stacks (~100 ms here, i.e. 10,000 spans at 100k/s).
            for (var i = 0; i < batch; i++)
            {
                var now = DateTimeOffset.UtcNow;
                client.RecordSpan(scopes[0], new TracenticSpan { StartedAt = now, EndedAt = now, Provider = "openai", Model = "gpt-4o", InputTokens = 1, OutputTokens = 1 });
            }

            await client.FlushAsync();
            timing!.Reset();
            sink.Reset();
        }

        var droppedBefore = client.DroppedSpans;
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var sampler = new Timer(_ => InterlockedMax(ref peak, Environment.WorkingSet), null, 0, 20);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var workItemsBefore = ThreadPool.CompletedWorkItemCount;
        Console.WriteLine($"recording {total:N0} spans at {rate:N0}/s for {seconds} s (queue {queue}, batch {batch}, {(args.Contains("--cold") ? "cold start" : "after one warm-up batch")}) into {(mode == "http" ? $"{sinkKind} sink at {sink.BaseUrl}" : mode)}");
        var timer = Stopwatch.StartNew();
        long recorded = 0;
        var start = DateTimeOffset.UtcNow;
        while (recorded < total)
        {
            var due = Math.Min(total, (long)(timer.Elapsed.TotalSeconds * rate));
            while (recorded < due)
            {
                client.RecordSpan(scopes[recorded & 15], new TracenticSpan
                {
                    StartedAt = start,
                    EndedAt = start.AddMilliseconds(250),
                    Provider = "openai",
                    Model = "gpt-4o",
                    InputTokens = 1200,
                    OutputTokens = 300,
                    OperationType = "chat",
                });
                recorded++;
            }

            Thread.Sleep(1);
        }

        var recordingTime = timer.Elapsed;
        await client.FlushAsync();
        var drainTime = timer.Elapsed - recordingTime;
        await client.ShutdownAsync();
        InterlockedMax(ref peak, Environment.WorkingSet);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var workItems = ThreadPool.CompletedWorkItemCount - workItemsBefore;

        var delivered = mode == "http" ? sink.Spans : timing!.Spans;
        var dropped = client.DroppedSpans - droppedBefore;
        var percent = 100.0 * delivered / recorded;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            recorded         {recorded:N0} in {recordingTime.TotalSeconds:0.00} s ({recorded / recordingTime.TotalSeconds:N0} spans/s)
            delivered        {delivered:N0} ({percent:0.000} %) in {sink.Requests:N0} requests, {sink.Bytes / 1048576.0:0.0} MiB of JSON
            dropped (queue)  {dropped:N0}
            drain after end  {drainTime.TotalMilliseconds:0} ms
            working set      {baseline / 1048576.0:0.0} MiB before, {peak / 1048576.0:0.0} MiB peak
            export calls     {timing!.Describe()}
            process CPU      {cpu.TotalSeconds:0.00} s ({cpu.TotalMilliseconds * 1000 / recorded:0.00} µs per span, recorder + exporter + sink)
            thread-pool work {workItems:N0} items ({(double)workItems / recorded:0.000} per span)
            GCs (0/1/2)      {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}
            """));
        return delivered == recorded ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

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

    /// <summary>Times each export call (JSON writing, the HTTP round trip and any retry) of the real exporter.</summary>
    private sealed class TimedExporter(IExportOutput inner) : IExportOutput
    {
        private readonly List<double> _milliseconds = [];

        public long Spans { get; private set; }

        public async Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await inner.ExportAsync(batch, cancellationToken);
            lock (_milliseconds)
            {
                Spans += result.Status == ExportStatus.Delivered ? result.Count : 0;
                _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return result;
        }

        public void Reset()
        {
            _milliseconds.Clear();
            Spans = 0;
        }

        public string Describe()
        {
            var sorted = _milliseconds.Order().ToArray();
            double At(double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
            return string.Create(CultureInfo.InvariantCulture,
                $"{sorted.Length:N0}, ms per call: median {At(0.5):0.00}, p99 {At(0.99):0.00}, max {At(1):0.00}; first three {string.Join(", ", _milliseconds.Take(3).Select(m => m.ToString("0.0", CultureInfo.InvariantCulture)))}");
        }

        public void Dispose() => inner.Dispose();
    }

    /// <summary>Writes the JSON body as the HTTP exporter would, and sends nothing.</summary>
    private sealed class JsonOnlyExporter(OtlpJsonWriter writer) : IExportOutput
    {
        public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken) =>
            Task.FromResult(new ExportResult(ExportStatus.Delivered, writer.Write(batch, out _)));

        public void Dispose()
        {
        }
    }

    /// <summary>A minimal ingest endpoint that counts spans (occurrences of <c>"spanId":</c>) and answers 200.</summary>
    private sealed class CountingSink : ISink
    {
        private readonly WebApplication _app;
        private long _spans;
        private long _requests;
        private long _bytes;

        private CountingSink(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = "";

        public long Spans => Interlocked.Read(ref _spans);

        public long Requests => Interlocked.Read(ref _requests);

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Reset()
        {
            Interlocked.Exchange(ref _spans, 0);
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _bytes, 0);
        }

        public static async Task<CountingSink> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = AppContext.BaseDirectory,
                Args = ["--hostBuilder:reloadConfigOnChange=false"],
            });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, 0);
                k.Limits.MaxRequestBodySize = null;
            });
            var app = builder.Build();
            var sink = new CountingSink(app);
            app.Run(sink.HandleAsync);
            await app.StartAsync();
            sink.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return sink;
        }

        private async Task HandleAsync(HttpContext context)
        {
            // Streams the body through a small pooled buffer: the sink must not be what allocates or pauses.
            var token = "\"spanId\":"u8.ToArray();
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                long length = 0;
                var count = 0;
                var carry = 0; // bytes kept from the previous read, so a token split across reads is still found
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(carry))) > 0)
                {
                    length += read;
                    var window = buffer.AsSpan(0, carry + read);
                    var consumed = 0;
                    for (var i = window.IndexOf(token); i >= 0; i = window[consumed..].IndexOf(token))
                    {
                        count++;
                        consumed += i + token.Length;
                    }

                    carry = Math.Min(token.Length - 1, window.Length - consumed);
                    window[^carry..].CopyTo(buffer);
                }

                Interlocked.Add(ref _spans, count);
                Interlocked.Increment(ref _requests);
                Interlocked.Add(ref _bytes, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{}");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>A loopback ingest endpoint that counts the spans it receives.</summary>
internal interface ISink : IAsyncDisposable
{
    string BaseUrl { get; }

    long Spans { get; }

    long Requests { get; }

    long Bytes { get; }

    void Reset();
}
