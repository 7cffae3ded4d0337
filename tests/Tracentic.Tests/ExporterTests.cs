using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Net;
using System.Net.Sockets;
using Tracentic.Export;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

/// <summary>Batching, overflow, retries and shutdown of the exporter, against a real HTTP server on 127.0.0.1.</summary>
public class ExporterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static TracenticSpan Numbered(int i) => TestClients.Span(attributes: new() { ["i"] = i });

    private static List<long> Numbers(IEnumerable<ExportedSpan> spans) => [.. spans.Select(s => (long)s["i"]!)];

    [Fact]
    public async Task A_full_batch_is_sent_at_once_without_waiting_for_the_batch_delay()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.MaxBatchSize = 10;
            o.BatchDelay = TimeSpan.FromMinutes(10);
        });

        for (var i = 0; i < 9; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        await Task.Delay(300);
        Assert.Empty(receiver.Requests); // a partial batch waits for the delay

        client.RecordSpan(null, Numbered(9));
        var spans = await receiver.WaitForSpansAsync(10, Wait);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Numbers(spans));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_partial_batch_is_sent_after_the_batch_delay()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.BatchDelay = TimeSpan.FromMilliseconds(100));
        var timer = Stopwatch.StartNew();

        client.RecordSpan(null, Numbered(1));
        client.RecordSpan(null, Numbered(2));
        await receiver.WaitForSpansAsync(2, Wait);

        Assert.InRange(timer.Elapsed, TimeSpan.FromMilliseconds(90), Wait);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task More_spans_than_a_batch_go_out_in_batches_of_MaxBatchSize()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.MaxBatchSize = 100;
            o.BatchDelay = TimeSpan.FromMinutes(10);
        });

        for (var i = 0; i < 250; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        await client.FlushAsync();

        // Batches may be on the network concurrently, so they can arrive in any order; each is in order.
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (long)i), Numbers(receiver.Spans).Order());
        Assert.Equal([50, 100, 100], receiver.Requests.Select(r => r.Spans.Count).Order());
        Assert.All(receiver.Requests, r => Assert.Equal(Numbers(r.Spans).Order(), Numbers(r.Spans)));
    }

    [Fact]
    public async Task The_next_batch_goes_out_while_a_slow_request_is_still_in_progress()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(200, Delay: TimeSpan.FromSeconds(2)));
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.MaxBatchSize = 10;
            o.BatchDelay = TimeSpan.FromMinutes(10);
        });

        for (var i = 0; i < 20; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        // One request at a time, the second could not arrive before the first is answered (2 s).
        var requests = await receiver.WaitForRequestsAsync(2, TimeSpan.FromSeconds(1.5));
        Assert.False(requests[0].Delivered);
        await client.FlushAsync();
        Assert.Equal(20, receiver.Spans.Count);
    }

    [Fact]
    public async Task Flush_waits_for_an_older_slow_batch_even_when_a_newer_one_finished_first()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(200, Delay: TimeSpan.FromMilliseconds(700)), IngestResponse.Ok);
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.MaxBatchSize = 10;
            o.BatchDelay = TimeSpan.FromMinutes(10);
        });

        for (var i = 0; i < 10; i++)
        {
            client.RecordSpan(null, Numbered(i)); // a full batch: sent at once, answered after 700 ms
        }

        await receiver.WaitForRequestsAsync(1, Wait);
        var flush = client.FlushAsync(); // covers spans 0..9 only
        for (var i = 10; i < 20; i++)
        {
            client.RecordSpan(null, Numbered(i)); // answered at once
        }

        await flush;

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Numbers(receiver.Spans).Where(i => i < 10).Order());
    }

    [Fact]
    public async Task When_the_queue_is_full_the_oldest_spans_are_dropped_counted_and_reported()
    {
        var log = new CapturingLoggerProvider();
        var exporter = new GatedExporter();
        await using var client = (Engine.TracenticClient)TracenticSdk.Create(new TracenticOptions
        {
            QueueCapacity = 5,
            MaxBatchSize = 1,
            ExporterFactory = exporter.Attach,
            FlushOnProcessExit = false,
            LoggerFactory = log.CreateFactory(),
        });

        client.RecordSpan(null, Numbered(0));
        await exporter.WaitUntilExportingAsync(); // span 0 is out of the queue, held at the gate
        for (var i = 1; i <= 12; i++)
        {
            client.RecordSpan(null, Numbered(i)); // the queue holds 5: the oldest are pushed out
        }

        // Besides the queue, the export loop holds at most one more batch in flight and one it is filling
        // (1 span each here): so 5 to 7 of spans 1..7 were dropped, and 8..12 are still queued.
        var dropped = client.DroppedSpans;
        Assert.InRange(dropped, 5, 7);
        exporter.Open();
        await WaitUntilAsync(() => exporter.Spans.Count == 13 - dropped); // all processed before the flush asks
        await client.FlushAsync();

        // The newest five survive; of 1..7 only what the loop had already taken (dropped or not) is left.
        var exported = Numbers(exporter.Spans).Order().ToList();
        Assert.Equal([0L], exported.Take(1));
        Assert.Equal([8L, 9, 10, 11, 12], exported.TakeLast(5));
        Assert.Equal(7 - dropped, exported.Count(i => i is >= 1 and <= 7));
        Assert.Equal(dropped, client.DroppedSpans);

        // Rate-limited, but every drop is counted in some warning, and the last one has the total.
        var warnings = log.Warnings.Where(w => w.Contains("queue full", StringComparison.Ordinal)).ToList();
        Assert.InRange(warnings.Count, 1, 2);
        Assert.Equal(dropped, warnings.Sum(w => int.Parse(Regex.Match(w, @"dropped the (\d+) oldest").Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Contains($"({dropped} in total)", warnings[^1]);
        Assert.All(warnings, w => Assert.Contains("QueueCapacity", w));
    }

    [Fact]
    public async Task Retryable_failures_503_503_200_deliver_every_span_exactly_once()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(503, 503, 200);
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        for (var i = 0; i < 20; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        await client.FlushAsync();

        Assert.Equal([503, 503, 200], receiver.Requests.Select(r => r.StatusCode));
        Assert.All(receiver.Requests, r => Assert.Equal(receiver.Requests[0].BodyText, r.BodyText)); // the same batch, resent
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), Numbers(receiver.Spans));
        Assert.DoesNotContain(log.Warnings, w => w.Contains("export failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(status);
        await using var client = TestClients.ForReceiver(receiver);

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        Assert.Equal([status, 200], receiver.Requests.Select(r => r.StatusCode));
        Assert.Single(receiver.Spans);
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts_with_a_warning_and_later_batches_still_go_out()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(503, 503, 503, 503);
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();
        client.RecordSpan(null, Numbered(2));
        await client.FlushAsync();

        Assert.Equal([503, 503, 503, 503, 200], receiver.Requests.Select(r => r.StatusCode));
        Assert.Equal([2], Numbers(receiver.Spans));
        var warning = Assert.Single(log.Warnings, w => w.Contains("export failed", StringComparison.Ordinal));
        Assert.Contains("503", warning);
        Assert.Contains("gave up after 4 attempt(s)", warning);
        Assert.Contains("1 span(s) dropped", warning);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_the_warning_has_the_status_and_a_truncated_body_but_never_the_API_key()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var echo = $$"""{"error":"bad request","echo":"x-tracentic-api-key: {{TestClients.ApiKey}}","detail":"{{new string('d', 2000)}}"}""";
        receiver.Script(new IngestResponse(400, echo));
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        Assert.Equal([400], receiver.Requests.Select(r => r.StatusCode));
        Assert.Empty(receiver.Spans);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("400 Bad Request", warning);
        Assert.Contains("""{"error":"bad request""", warning);
        Assert.Contains("…", warning);
        Assert.DoesNotContain(new string('d', 600), warning); // truncated
        Assert.True(warning.Length < 1000, $"warning is {warning.Length} characters long");
        Assert.DoesNotContain(TestClients.ApiKey, warning);
        Assert.Contains("***", warning);
        Assert.All(log.Entries, e => Assert.DoesNotContain(TestClients.ApiKey, e.Message));
    }

    [Fact]
    public async Task A_wrong_API_key_401_is_reported_and_not_retried()
    {
        await using var receiver = await IngestReceiver.StartAsync(expectedApiKey: "the-right-key");
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        Assert.Equal([401], receiver.Requests.Select(r => r.StatusCode));
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("401 Unauthorized", warning);
        Assert.Contains("invalid api key", warning);
        Assert.DoesNotContain(TestClients.ApiKey, warning);
    }

    [Fact]
    public async Task Retry_After_is_honoured_instead_of_the_backoff()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(503, RetryAfter: TimeSpan.FromSeconds(30)));
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.TimeProvider = clock;
            o.ExportTimeout = TimeSpan.FromSeconds(60); // flush gives up after ExportTimeout + 5 s of this clock
            o.RetryPolicy = new RetryPolicy(5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
        });

        client.RecordSpan(null, Numbered(1));
        var flush = client.FlushAsync();
        await receiver.WaitForRequestsAsync(1, Wait);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), Wait);

        clock.Advance(TimeSpan.FromSeconds(29.9));
        await Task.Delay(200);
        Assert.Single(receiver.Requests); // 1 ms of backoff would have retried long ago
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await receiver.WaitForSpansAsync(1, Wait);
        await flush.WaitAsync(Wait);

        Assert.Equal([503, 200], receiver.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_retry_budget_gives_up_at_once()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(429, RetryAfter: TimeSpan.FromHours(1)));
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());
        var timer = Stopwatch.StartNew();

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal([429], receiver.Requests.Select(r => r.StatusCode));
        Assert.Contains(log.Warnings, w => w.Contains("429", StringComparison.Ordinal) && w.Contains("gave up after 1 attempt(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hung_server_times_out_per_ExportTimeout_and_flush_returns_without_throwing()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.DefaultResponse = IngestResponse.HangUntilDisposed;
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.ExportTimeout = TimeSpan.FromMilliseconds(400);
            o.RetryPolicy = new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
            o.LoggerFactory = log.CreateFactory();
        });
        var timer = Stopwatch.StartNew();

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        Assert.InRange(timer.Elapsed, TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(4)); // two attempts of 400 ms
        Assert.NotEmpty(receiver.Requests); // it was the server that hung (on a loaded machine the 2nd may not get there in time)
        Assert.All(receiver.Requests, r => Assert.False(r.Delivered));
        Assert.Empty(receiver.Spans);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("no response within ExportTimeout (0.4 s)", warning);
        Assert.Contains("gave up after 2 attempt(s)", warning);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_then_reported_and_nothing_throws()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        } // closed again: connections are refused

        var log = new CapturingLoggerProvider();
        await using var client = (Engine.TracenticClient)TracenticSdk.Create(new TracenticOptions
        {
            ApiKey = TestClients.ApiKey,
            Endpoint = $"http://127.0.0.1:{port}",
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
            RetryPolicy = TestClients.FastRetries,
            FlushOnProcessExit = false,
            LoggerFactory = log.CreateFactory(),
        });

        client.RecordSpan(null, Numbered(1));
        await client.FlushAsync();

        var warning = Assert.Single(log.Warnings);
        Assert.Contains("HttpRequestException", warning);
        Assert.Contains("gave up after 4 attempt(s)", warning);
        Assert.DoesNotContain(TestClients.ApiKey, warning);
    }

    [Fact]
    public async Task ShutdownAsync_delivers_what_is_queued_without_waiting_for_the_batch_delay()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var client = TestClients.ForReceiver(receiver, o => o.BatchDelay = TimeSpan.FromMinutes(10));
        for (var i = 0; i < 7; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        var timer = Stopwatch.StartNew();
        await client.ShutdownAsync();

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), Numbers(receiver.Spans));
    }

    [Fact]
    public async Task DisposeAsync_shuts_down_like_ShutdownAsync()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using (var client = TestClients.ForReceiver(receiver, o => o.BatchDelay = TimeSpan.FromMinutes(10)))
        {
            client.RecordSpan(null, Numbered(1));
        }

        Assert.Single(receiver.Spans);
    }

    [Fact]
    public async Task Flush_returns_at_once_when_nothing_is_pending()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.BatchDelay = TimeSpan.FromMinutes(10));

        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_process_that_returns_from_Main_without_shutting_down_still_delivers_every_span()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        const int Count = 1_000; // more than one batch: some go out as a full batch, the rest only at exit

        var (exitCode, output) = await RunExitProbeAsync(receiver.BaseUrl, Count);

        Assert.True(exitCode == 0, $"exit probe failed ({exitCode}):\n{output}");
        Assert.Contains($"recorded {Count}", output);
        var spans = receiver.Spans; // the probe has exited: whatever arrived has arrived
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), Numbers(spans).Order());
        Assert.All(receiver.Requests, r => Assert.Equal("exit-probe-key", r.Header("x-tracentic-api-key")));
        Assert.All(spans, s => Assert.Equal("exit-probe", s.ScopeName));
    }

    private static async Task<(int ExitCode, string Output)> RunExitProbeAsync(string endpoint, int count)
    {
        // Built next to this project (ProjectReference with ReferenceOutputAssembly=false), same configuration.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration, testsRoot) = (here.Name, here.Parent!.Name, here.Parent.Parent!.Parent!.Parent!.FullName);
        var probe = Path.Combine(testsRoot, "Tracentic.Tests.ExitProbe", "bin", configuration, tfm, "Tracentic.Tests.ExitProbe.dll");
        Assert.True(File.Exists(probe), $"exit probe not built at {probe}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(endpoint);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the exit probe did not exit within 30 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
