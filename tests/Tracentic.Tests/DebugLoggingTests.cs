using Microsoft.Extensions.Logging;
using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Local;
using Tracentic.Core;

namespace Tracentic.Tests;

public class DebugLoggingTests
{
    [Fact]
    public async Task With_Debug_the_whole_span_lifecycle_is_logged()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var log = new CapturingLoggerProvider();
        var client = TestClients.ForReceiver(receiver, o =>
        {
            o.Debug = true;
            o.LoggerFactory = log.CreateFactory();
        });

        client.RecordSpan(client.Begin("s"), TestClients.Span(provider: "anthropic", model: "gpt-4o"));
        await client.FlushAsync();
        await client.ShutdownAsync();

        var debug = log.Messages(LogLevel.Debug).ToList();
        Assert.Equal("debug logging enabled", debug[0]);
        Assert.Contains("enqueued span 'llm.anthropic.chat' (queue: 1)", debug);
        Assert.Contains($"flushing 1 span(s) to {receiver.IngestUrl}", debug);
        Assert.Contains("export succeeded: 200 (1 spans)", debug);
        Assert.Contains("shutting down exporter...", debug);
        Assert.Equal("exporter shutdown complete", debug[^1]);
        Assert.All(log.Entries, e => Assert.Equal(TracenticLog.CategoryName, e.Category));
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task With_Debug_failed_attempts_and_retries_are_logged()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(503);
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.Debug = true;
            o.LoggerFactory = log.CreateFactory();
        });

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        // The first failure of an outage is a warning (the spans stay queued); the recovery is reported too.
        Assert.Contains(log.Warnings, m => m.StartsWith("export failed: 503 Service Unavailable", StringComparison.Ordinal) && m.Contains("stay queued and are retried in", StringComparison.Ordinal));
        Assert.Contains(log.Messages(LogLevel.Information), m => m == "export recovered after 1 failed attempt(s).");
        Assert.Equal(2, log.Messages(LogLevel.Debug).Count(m => m.StartsWith("flushing 1 span(s)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_Debug_only_warnings_are_logged()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var log = new CapturingLoggerProvider();
        var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        client.RecordSpan(client.Begin("s"), TestClients.Span());
        client.RecordSpan(null, TestClients.Span(model: "unpriced"));
        client.RecordSpan(null, TestClients.Span(model: "unpriced")); // warned once per model
        await client.FlushAsync();
        await client.ShutdownAsync();

        Assert.Equal(3, receiver.Spans.Count);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("no pricing for model 'unpriced'", entry.Message);
    }

    [Fact]
    public async Task No_log_line_ever_contains_the_API_key_even_when_the_server_echoes_it()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var echo = $$"""{"error":"unknown key {{TestClients.ApiKey}}"}""";
        receiver.Script(
            new IngestResponse(503, echo),
            new IngestResponse(429, echo, RetryAfter: TimeSpan.Zero),
            new IngestResponse(401, echo),
            new IngestResponse(500, echo));
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.Debug = true;
            o.LoggerFactory = log.CreateFactory();
        });

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();
        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();
        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();
        await client.ShutdownAsync();

        // Nothing is given up: the first span stays queued through every failure, then all three arrive.
        Assert.Equal([503, 429, 401, 500, 200, 200, 200], receiver.Requests.Select(r => r.StatusCode));
        Assert.Equal(3, receiver.Spans.Count);
        Assert.True(log.Entries.Count > 10);
        Assert.Contains(log.Entries, e => e.Message.Contains("unknown key ***", StringComparison.Ordinal));
        Assert.All(log.Entries, e => Assert.DoesNotContain(TestClients.ApiKey, e.Message));
    }
}
