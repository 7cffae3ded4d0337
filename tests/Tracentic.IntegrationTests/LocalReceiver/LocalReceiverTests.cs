using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;
using Tracentic.Testing;
using Receiver = Tracentic.Local.LocalReceiver;

namespace Tracentic.IntegrationTests.LocalReceiver;

/// <summary>The receiver over real HTTP on 127.0.0.1: the SDK's exporter delivers to it, and it turns down what the ingest API would.</summary>
public sealed class LocalReceiverTests : IAsyncLifetime
{
    private Receiver _receiver = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync(new LocalReceiverOptions { MaxRequestBodyBytes = 64 * 1024 });
        _http = new HttpClient { BaseAddress = new Uri(_receiver.Endpoint), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    private static ITracentic Sdk(string endpoint, string apiKey, TimeProvider? clock = null) => new Tracentic.Engine.TracenticEngine(new TracenticOptions
    {
        TimeProvider = clock ?? TimeProvider.System,
        Endpoint = endpoint,
        ApiKey = apiKey,
        ServiceName = "receiver-test",
        Environment = "test",
        BatchDelay = TimeSpan.FromMilliseconds(10),
        ExportTimeout = TimeSpan.FromSeconds(5),
        CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10) },
    }, new Tracentic.Engine.ExportSetup { HookExits = false });

    [Fact]
    public async Task Binds_an_ephemeral_port_on_loopback_and_makes_up_a_key()
    {
        var endpoint = new Uri(_receiver.Endpoint);
        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.NotEqual(0, endpoint.Port);
        Assert.StartsWith("local-", _receiver.ApiKey, StringComparison.Ordinal);

        await using var second = await Receiver.StartAsync(new LocalReceiverOptions { ApiKey = "  my-key " });
        Assert.NotEqual(_receiver.Endpoint, second.Endpoint);
        Assert.Equal("my-key", second.ApiKey);
    }

    [Fact]
    public async Task The_SDK_exports_to_it_and_a_flush_means_the_spans_are_there()
    {
        await using (var sdk = Sdk(_receiver.Endpoint, _receiver.ApiKey))
        {
            var scope = sdk.Begin("summarize", new() { ["user_id"] = "u-1" });
            var started = DateTimeOffset.UtcNow;
            sdk.RecordSpan(scope, new TracenticSpan { StartedAt = started, EndedAt = started.AddMilliseconds(40), Provider = "openai", Model = "gpt-4o", InputTokens = 1000, OutputTokens = 100, OperationType = "chat" });
            sdk.RecordError(scope.CreateChild("retry"), new TracenticSpan { StartedAt = started, EndedAt = started, Provider = "openai", Model = "gpt-4o" }, new HttpRequestException("rate limited"));
            await sdk.FlushAsync();

            Assert.Equal(2, _receiver.Spans.Count); // no waiting: the receiver stores a batch before answering 200
        }

        var batch = Assert.Single(_receiver.Batches);
        Assert.StartsWith("tracentic-dotnet/", batch.UserAgent, StringComparison.Ordinal);
        var ok = _receiver.Spans.Single(s => !s.IsError);
        Assert.Equal("llm.openai.chat", ok.Name);
        Assert.Equal("receiver-test", ok.ServiceName);
        Assert.Equal("test", ok.Resource.Environment);
        Assert.Equal("u-1", ok["user_id"]);
        Assert.Equal(0.0035, ok.CostUsd!.Value, 12);
        var failed = _receiver.Spans.Single(s => s.IsError);
        Assert.Equal(ok.ScopeId, failed.ScopeParentId);
        Assert.Equal("rate limited", failed.StatusMessage);
        Assert.Empty(_receiver.Rejected);

        var tree = _receiver.BuildTree();
        var root = Assert.IsType<ScopeNode>(Assert.Single(tree.Roots));
        Assert.Equal("retry", Assert.Single(root.Scopes).Name);
        Assert.Contains("Total: 2 LLM calls in 2 scopes · 1 failed · 1,100 tokens (1,000 in / 100 out) · $0.003500", _receiver.RenderTree(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_turned_down_with_401_and_nothing_is_kept()
    {
        // The engine's clock is a fake one, so the test does not sit out the flush and shutdown bounds (10 s each) in real time.
        var clock = new TimerWatchingTimeProvider(DateTimeOffset.UtcNow);
        var sdk = Sdk(_receiver.Endpoint, "not-the-key", clock);
        sdk.RecordSpan(null, new TracenticSpan { StartedAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.UtcNow, Provider = "openai" });
        var flush = sdk.FlushAsync();

        // Delivery is at-least-once: a 401 keeps the batch queued and it is tried again after a backoff, each time refused.
        var wait = TimeSpan.FromSeconds(20);
        await clock.AdvanceToTimerAsync(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), wait); // refused, then the first backoff
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), wait);     // refused again, then the second
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await sdk.ShutdownAsync(now.Token).WaitAsync(wait); // gives up on the queued span at once
        await flush.WaitAsync(wait);

        Assert.Empty(_receiver.Spans);
        Assert.True(_receiver.Rejected.Count >= 2, $"{_receiver.Rejected.Count} request(s) turned down");
        Assert.All(_receiver.Rejected, rejected => Assert.Equal(new RejectedRequest(401, "invalid api key"), rejected));
    }

    private async Task<(HttpStatusCode Status, string Error)> SendAsync(HttpMethod method, string path, string? key, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add(Receiver.ApiKeyHeader, key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.TryGetProperty("error", out var error) ? error.GetString()! : "");
    }

    [Fact]
    public async Task Answers_like_the_ingest_API_for_every_kind_of_bad_request()
    {
        var valid = Otlp.Body("svc", Otlp.Span()).ToJsonString();
        var key = _receiver.ApiKey;

        Assert.Equal((HttpStatusCode.NotFound, "not found: the ingest API is POST /v1/ingest"), await SendAsync(HttpMethod.Post, "/v1/traces", key, valid));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method GET not allowed: use POST"), await SendAsync(HttpMethod.Get, "/v1/ingest", key, null));
        Assert.Equal((HttpStatusCode.Unauthorized, "missing x-tracentic-api-key header"), await SendAsync(HttpMethod.Post, "/v1/ingest", null, valid));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json, got \"text/plain\""), await SendAsync(HttpMethod.Post, "/v1/ingest", key, valid, "text/plain"));
        Assert.Equal((HttpStatusCode.BadRequest, "resourceSpans: required field is missing"), await SendAsync(HttpMethod.Post, "/v1/ingest", key, "{}"));
        var (status, error) = await SendAsync(HttpMethod.Post, "/v1/ingest", key, new string(' ', 70 * 1024) + valid);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request body larger than 65536 bytes", error);
        Assert.Empty(_receiver.Spans);
        Assert.Equal(6, _receiver.Rejected.Count);

        Assert.Equal((HttpStatusCode.OK, ""), await SendAsync(HttpMethod.Post, "/v1/ingest", key, valid));
        Assert.Single(_receiver.Spans);
    }

    [Fact]
    public async Task Waiting_for_spans_returns_when_they_arrive_and_says_how_many_did_when_they_do_not()
    {
        var waiting = _receiver.WaitForSpansAsync(2, TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);
        await SendAsync(HttpMethod.Post, "/v1/ingest", _receiver.ApiKey, Otlp.Body("svc", Otlp.Span(), Otlp.Span()).ToJsonString());
        Assert.Equal(2, (await waiting).Count);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _receiver.WaitForSpansAsync(3, TimeSpan.FromMilliseconds(100)));
        Assert.Equal("Waited 0.1 s for 3 span(s); 2 arrived (0 request(s) rejected).", error.Message);

        _receiver.Clear();
        Assert.Empty(_receiver.Spans);
    }
}
