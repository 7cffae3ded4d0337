using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Export.Wire;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>
/// When batches go out and what happens when they cannot: at-least-once delivery against a real HTTP server on
/// 127.0.0.1. Time is a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> that shows its armed timers
/// (<see cref="TimerWatchingTimeProvider"/>): the tests move it to the engine's own timers, never sleep.
/// </summary>
public class DeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Real retry timing (1 s doubling to 30 s, Retry-After honoured up to 5 min) on the test's clock.</summary>
    private static readonly ExportSetup RealRetries = new() { HookExits = false };

    private static TracenticSpan Numbered(int i) => TestClients.Span(attributes: new() { ["i"] = i });

    private static List<long> Numbers(IEnumerable<ReceivedSpan> spans) => [.. spans.Select(s => (long)s["i"]!)];

    private static TracenticEngine Client(string endpoint, TimerWatchingTimeProvider clock, Action<TracenticOptions>? configure = null, CapturingLoggerProvider? log = null) =>
        TestClients.ForEndpoint(endpoint, o =>
        {
            o.TimeProvider = clock;
            o.ExportTimeout = TimeSpan.FromMinutes(2); // out of the way of the backoff timers the tests move to
            o.LoggerFactory = log?.CreateFactory();
            configure?.Invoke(o);
        }, RealRetries);

    [Fact]
    public async Task A_full_batch_is_sent_at_once_and_a_partial_one_only_after_the_batch_delay()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var clock = new TimerWatchingTimeProvider(Start);
        await using var client = Client(receiver.BaseUrl, clock, o =>
        {
            o.MaxBatchSize = 10;
            o.BatchDelay = TimeSpan.FromSeconds(3);
        });

        for (var i = 0; i < 12; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        // The clock has not moved, so only a full batch can have gone out.
        await receiver.WaitForSpansAsync(10, Wait);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Numbers(receiver.Spans));

        // The rest waits for the batch delay, on the engine's clock.
        Assert.Equal(TimeSpan.FromSeconds(3), await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), Wait));
        await receiver.WaitForSpansAsync(12, Wait);
        Assert.Equal([10, 2], receiver.Requests.Select(r => r.Spans.Count));
    }

    [Fact]
    public async Task More_spans_than_a_batch_go_out_in_batches_of_MaxBatchSize_each_exactly_once()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.MaxBatchSize = 100);

        for (var i = 0; i < 250; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        await client.FlushAsync();

        // Two requests may be in flight at once, so they can arrive in either order.
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (long)i), Numbers(receiver.Spans).Order());
        Assert.Equal([50, 100, 100], receiver.Requests.Select(r => r.Spans.Count).Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    public async Task An_endpoint_refusing_connections_for_60_s_loses_nothing_the_queue_had_room_for(int count)
    {
        var port = FreePort();
        var clock = new TimerWatchingTimeProvider(Start);
        var log = new CapturingLoggerProvider();
        await using var client = Client($"http://127.0.0.1:{port}", clock, log: log);
        for (var i = 0; i < count; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        var flush = client.FlushAsync();

        // Nothing listens: each attempt is refused at once, then the loop waits out its backoff (1 s doubling to 30 s).
        var outage = TimeSpan.Zero;
        var backoff = await clock.WaitForTimerAsync(TimeSpan.Zero, TimeSpan.FromSeconds(30), Wait);
        while (outage < TimeSpan.FromSeconds(60))
        {
            clock.Advance(backoff);
            outage += backoff;
            backoff = await clock.WaitForTimerAsync(TimeSpan.Zero, TimeSpan.FromSeconds(30), Wait); // refused again
        }

        await using var receiver = await IngestReceiver.StartAsync(TestClients.ApiKey, port);
        clock.Advance(backoff);
        var spans = await receiver.WaitForSpansAsync(count, Wait);
        await flush.WaitAsync(Wait); // the flush that began in the outage ends when the spans are acknowledged

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), Numbers(spans).Order()); // each exactly once
        Assert.Equal(count, spans.Select(s => s.SpanId).Distinct().Count());
        Assert.Equal(0, client.DroppedSpans);
        Assert.Contains(log.Warnings, w => w.StartsWith("export failed: HttpRequestException", StringComparison.Ordinal) && w.Contains("stay queued", StringComparison.Ordinal));
        Assert.Contains(log.Messages(LogLevel.Information), m => m.StartsWith("export recovered after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_503_with_Retry_After_60_is_retried_after_exactly_60_s()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(503, RetryAfter: TimeSpan.FromSeconds(60)));
        var clock = new TimerWatchingTimeProvider(Start);
        await using var client = Client(receiver.BaseUrl, clock);

        client.RecordSpan(null, Numbered(1));
        _ = client.FlushAsync();

        Assert.Equal(TimeSpan.FromSeconds(60), await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), Wait));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(receiver.Requests); // 59 s: not yet

        clock.Advance(TimeSpan.FromSeconds(1));
        var span = Assert.Single(await receiver.WaitForSpansAsync(1, Wait));
        Assert.Equal(1L, span["i"]);
        Assert.Equal([503, 200], receiver.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_hung_endpoint_holds_up_delivery_no_longer_than_the_export_timeout()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(IngestResponse.HangUntilDisposed);
        var clock = new TimerWatchingTimeProvider(Start);
        await using var client = Client(receiver.BaseUrl, clock, o => o.ExportTimeout = TimeSpan.FromSeconds(10));

        client.RecordSpan(null, Numbered(1));
        _ = client.FlushAsync();
        await receiver.WaitForRequestsAsync(1, Wait);

        // The request in flight is abandoned at the export timeout, and the next attempt comes after the first backoff.
        var waited = await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), Wait);
        waited += await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), Wait);
        await receiver.WaitForSpansAsync(1, Wait);
        Assert.InRange(waited, TimeSpan.FromSeconds(10.5), TimeSpan.FromSeconds(11));
        Assert.True(receiver.Requests[0].Aborted);
    }

    [Fact]
    public async Task When_the_queue_is_full_the_oldest_waiting_spans_are_dropped_counted_and_reported()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(IngestResponse.HangUntilDisposed, IngestResponse.HangUntilDisposed);
        var clock = new TimerWatchingTimeProvider(Start);
        var log = new CapturingLoggerProvider();
        await using var client = Client(receiver.BaseUrl, clock, o =>
        {
            o.QueueCapacity = 10;
            o.MaxBatchSize = 4;
            o.ExportTimeout = TimeSpan.FromSeconds(10);
        }, log);

        // Two full batches go out (0-3, then 4-7) and hang: in flight, they do not count against the capacity.
        for (var i = 0; i < 8; i++)
        {
            client.RecordSpan(null, Numbered(i));
            if (i % 4 == 3)
            {
                await receiver.WaitForRequestsAsync(i / 4 + 1, Wait);
            }
        }

        // 16 more for 10 places: the 6 oldest waiting (8-13) give way.
        for (var i = 8; i < 24; i++)
        {
            client.RecordSpan(null, Numbered(i));
        }

        Assert.Equal(6, client.DroppedSpans);

        // Both requests give up; their spans come back to a full queue, where they are the oldest: they give way too.
        await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), Wait);
        await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), Wait);
        await client.FlushAsync();

        Assert.Equal(14, client.DroppedSpans);
        Assert.Equal(Enumerable.Range(14, 10).Select(i => (long)i), Numbers(receiver.Spans).Order());
        Assert.Contains(log.Warnings, w => w.StartsWith("export queue full (10): dropped the", StringComparison.Ordinal) && w.Contains("(14 in total)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_batch_is_split_until_the_bad_spans_are_alone_and_every_good_span_arrives()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.RejectSpan = span => span["poison"] is true;
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        for (var i = 0; i < 100; i++)
        {
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["i"] = i, ["poison"] = i is 3 or 50 or 51 ? true : null }));
        }

        await client.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 100).Where(i => i is not (3 or 50 or 51)).Select(i => (long)i), Numbers(receiver.Spans));
        Assert.Equal(3, log.Warnings.Count(w => w.StartsWith("the endpoint refused span 'llm.openai.chat': 400", StringComparison.Ordinal)));
        Assert.InRange(receiver.Requests.Count, 4, 40); // halving, not one request per span
    }

    [Fact]
    public async Task Large_batches_are_split_by_the_request_byte_bound_and_a_413_splits_them_further()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.MaxBodyBytes = 60_000;
        await using var client = TestClients.ForReceiver(receiver, setup: new ExportSetup
        {
            RetryPolicy = TestClients.FastRetries,
            HookExits = false,
            WireLimits = new WireLimits(MaxSpanBytes: 32_000, MaxRequestBytes: 100_000),
        });

        for (var i = 0; i < 40; i++)
        {
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["i"] = i, ["text"] = new string('x', 4000), ["more"] = new string('y', 4000) }));
        }

        await client.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), Numbers(receiver.Spans));
        Assert.All(receiver.Requests, r => Assert.True(r.Body.Length <= 100_000, $"a body of {r.Body.Length} bytes"));
        Assert.Contains(receiver.Requests, r => r.StatusCode == 413);
    }

    [Fact]
    public async Task A_span_over_the_byte_bound_keeps_its_built_ins_and_highest_attributes_and_is_marked_truncated()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, setup: new ExportSetup
        {
            RetryPolicy = TestClients.FastRetries,
            HookExits = false,
            WireLimits = new WireLimits(MaxSpanBytes: 20_000, MaxRequestBytes: 100_000),
        });
        var attributes = Enumerable.Range(0, 20).ToDictionary(i => $"a{i:00}", object? (i) => new string('x', 4000));

        client.RecordSpan(client.Begin("big"), TestClients.Span(attributes: attributes));
        await client.FlushAsync();

        var span = Assert.Single(receiver.Spans);
        Assert.True(receiver.Requests[0].Body.Length < 21_000);
        Assert.Equal(true, span[OtlpJsonWriter.TruncatedKey]);
        Assert.Equal("big", span.ScopeName);
        Assert.Equal(150L, span["llm.usage.total_tokens"]);
        Assert.Equal(["a00", "a01", "a02", "a03"], span.Attributes.Keys.Where(k => k.StartsWith('a')).Order());
    }

    [Fact]
    public async Task ShutdownAsync_delivers_what_is_queued_without_waiting_for_the_batch_delay_and_DisposeAsync_does_the_same()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var clock = new TimerWatchingTimeProvider(Start);
        var first = Client(receiver.BaseUrl, clock);
        first.RecordSpan(null, Numbered(1));
        await first.ShutdownAsync();
        Assert.Single(receiver.Spans);

        var second = Client(receiver.BaseUrl, clock);
        second.RecordSpan(null, Numbered(2));
        await second.DisposeAsync();
        Assert.Equal([1L, 2L], Numbers(receiver.Spans));
    }

    [Fact]
    public async Task Shutdown_with_a_hung_endpoint_is_bounded_and_never_throws_even_with_a_cancelled_token()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.DefaultResponse = IngestResponse.HangUntilDisposed;
        var clock = new TimerWatchingTimeProvider(Start);
        var log = new CapturingLoggerProvider();
        var client = Client(receiver.BaseUrl, clock, o => o.ExportTimeout = TimeSpan.FromSeconds(10), log);
        client.RecordSpan(null, Numbered(1));
        _ = client.FlushAsync();
        await receiver.WaitForRequestsAsync(1, Wait);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await client.ShutdownAsync(cancelled.Token).WaitAsync(Wait); // returns, does not throw

        Assert.Contains(log.Warnings, w => w.StartsWith("shutdown gave up after", StringComparison.Ordinal) && w.EndsWith("1 span(s) were not delivered yet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flush_returns_at_once_when_nothing_is_pending_and_without_an_API_key_nothing_is_sent()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver);
        await client.FlushAsync().WaitAsync(Wait);

        await using var keyless = TestClients.ForReceiver(receiver, o => o.ApiKey = null);
        keyless.RecordSpan(null, Numbered(1));
        await keyless.FlushAsync();
        Assert.Empty(receiver.Requests);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
