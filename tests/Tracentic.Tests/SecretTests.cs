using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>The API key never reaches a log line or another origin, whatever the server sends back.</summary>
public class SecretTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // Long enough that a cut at 512 characters could fall inside it.
    private const string ApiKey = "trk_live_0123456789abcdef0123456789abcdef";

    private static TracenticEngine WithKey(IngestReceiver receiver, CapturingLoggerProvider log) =>
        TestClients.ForReceiver(receiver, o =>
        {
            o.ApiKey = ApiKey;
            o.Debug = true;
            o.LoggerFactory = log.CreateFactory();
        });

    private static void AssertNoTrace(CapturingLoggerProvider log)
    {
        Assert.NotEmpty(log.Entries);
        foreach (var entry in log.Entries)
        {
            // Not the key, and not any 8-character piece of it either.
            for (var i = 0; i + 8 <= ApiKey.Length; i++)
            {
                Assert.DoesNotContain(ApiKey.Substring(i, 8), entry.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_reason_phrase_holding_the_key_is_redacted()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(401, ReasonPhrase: $"Unauthorized key {ApiKey}"));
        var log = new CapturingLoggerProvider();
        await using var client = WithKey(receiver, log);

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        Assert.Contains(log.Warnings, w => w.Contains("401 Unauthorized key ***", StringComparison.Ordinal) && w.Contains("check TracenticOptions.ApiKey", StringComparison.Ordinal));
        AssertNoTrace(log);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(505)]
    [InlineData(510)]
    public async Task An_echoed_body_is_redacted_before_it_is_cut(int keyAt)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(503, new string('.', keyAt) + ApiKey + new string('.', 100)), new IngestResponse(400, ApiKey));
        var log = new CapturingLoggerProvider();
        await using var client = WithKey(receiver, log);

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        Assert.Contains(log.Warnings, w => w.Contains("***", StringComparison.Ordinal));
        AssertNoTrace(log);
    }

    [Fact]
    public async Task Echoed_headers_never_reach_a_log_line()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(503, EchoRequestHeaders: true, Body: "see headers"));
        var log = new CapturingLoggerProvider();
        await using var client = WithKey(receiver, log);

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        Assert.Equal(ApiKey, receiver.Requests[0].Header("x-tracentic-api-key"));
        AssertNoTrace(log);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_another_origin_is_not_followed_and_the_key_goes_nowhere_else(int status)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var elsewhere = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(status, Headers: new Dictionary<string, string> { ["Location"] = $"{elsewhere.IngestUrl}?key={ApiKey}" }));
        var log = new CapturingLoggerProvider();
        await using var client = WithKey(receiver, log);

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        Assert.Empty(elsewhere.Requests);
        Assert.Equal([status, 200], receiver.Requests.Select(r => r.StatusCode)); // retried at the configured endpoint
        Assert.Single(receiver.Spans);
        Assert.Contains(log.Warnings, w => w.Contains($"to {elsewhere.IngestUrl}?key=***: redirects are not followed", StringComparison.Ordinal));
        AssertNoTrace(log);
    }

    [Fact]
    public async Task A_handler_from_HttpMessageHandlerFactory_has_redirects_turned_off_too()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var elsewhere = await IngestReceiver.StartAsync();
        receiver.Script(new IngestResponse(307, Headers: new Dictionary<string, string> { ["Location"] = elsewhere.IngestUrl }));
        await using var client = TestClients.ForReceiver(receiver, o => o.HttpMessageHandlerFactory = () => new PassThroughHandler(new HttpClientHandler()));

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        Assert.Empty(elsewhere.Requests);
        Assert.Single(receiver.Spans);
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
}
