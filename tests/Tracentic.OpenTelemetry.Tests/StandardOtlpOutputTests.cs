using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tracentic.Engine;
using Tracentic.OpenTelemetry.Tests.Infrastructure;
using Tracentic.Testing;
using Tracentic.Core;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>The engine's own standard OTLP output (no OpenTelemetry SDK involved), against a real HTTP endpoint on 127.0.0.1.</summary>
public sealed class StandardOtlpOutputTests
{
    private static TracenticEngine ForOtlp(string endpoint, string? apiKey = null, string? ingest = null) => Engines.Create(o =>
    {
        o.ApiKey = apiKey;
        o.Endpoint = ingest ?? TracenticOptions.DefaultEndpoint;
        o.ServiceName = "otlp-tests";
        o.GlobalAttributes = new() { ["region"] = "eu-west-1" };
        o.Otlp = new OtlpOutputOptions { Endpoint = endpoint, Headers = new() { ["x-collector-key"] = "k-123" } };
    });

    [Fact]
    public async Task Scopes_are_internal_spans_and_llm_calls_client_spans_with_hex_ids_parent_links_and_GenAI_attributes()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync();
        var engine = ForOtlp(receiver.BaseUrl);

        var root = engine.Begin("rag-pipeline", new() { ["user_id"] = "user-ada" }, correlationId: "q-1");
        var answer = root.CreateChild("answer");
        engine.RecordSpan(answer, new TracenticSpan
        {
            StartedAt = Engines.T0,
            EndedAt = Engines.T0.AddMilliseconds(120),
            Provider = "openai",
            Model = "gpt-4o",
            OperationType = "chat",
            InputTokens = 100,
            OutputTokens = 20,
            Attributes = new() { ["prompt"] = "answer" },
        });
        engine.RecordError(answer, Engines.Chat(model: "gpt-4o-mini"), new HttpRequestException("429 Too Many Requests"));
        answer.End();
        root.End();
        await engine.FlushAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/v1/traces", request.Path);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("k-123", request.Headers["x-collector-key"]);
        var spans = OtlpTracesReceiver.Spans(request.Body).ToList();
        Assert.Equal(4, spans.Count);
        var rootSpan = spans.Single(s => Name(s) == "rag-pipeline");
        var answerSpan = spans.Single(s => Name(s) == "answer");
        var chat = spans.Single(s => Name(s) == "chat gpt-4o");
        var failed = spans.Single(s => Name(s) == "chat gpt-4o-mini");

        Assert.All(spans, s =>
        {
            Assert.Matches("^[0-9a-f]{32}$", s.GetProperty("traceId").GetString());
            Assert.Matches("^[0-9a-f]{16}$", s.GetProperty("spanId").GetString());
            Assert.Equal(root.TraceId, s.GetProperty("traceId").GetString());
        });
        Assert.False(rootSpan.TryGetProperty("parentSpanId", out _));
        Assert.Equal(Id(rootSpan), answerSpan.GetProperty("parentSpanId").GetString());
        Assert.Equal(Id(answerSpan), chat.GetProperty("parentSpanId").GetString());
        Assert.Equal(Id(answerSpan), failed.GetProperty("parentSpanId").GetString());
        Assert.Equal(1, rootSpan.GetProperty("kind").GetInt32());
        Assert.Equal(3, chat.GetProperty("kind").GetInt32());

        var scopeAttributes = OtlpTracesReceiver.Attributes(rootSpan);
        Assert.Equal(root.Id, scopeAttributes["tracentic.scope.id"].GetProperty("stringValue").GetString());
        Assert.Equal("q-1", scopeAttributes["tracentic.scope.correlation_id"].GetProperty("stringValue").GetString());
        Assert.Equal("user-ada", scopeAttributes["user_id"].GetProperty("stringValue").GetString());

        var attributes = OtlpTracesReceiver.Attributes(chat);
        Assert.Equal("chat", attributes["gen_ai.operation.name"].GetProperty("stringValue").GetString());
        Assert.Equal("openai", attributes["gen_ai.provider.name"].GetProperty("stringValue").GetString());
        Assert.Equal("gpt-4o", attributes["gen_ai.request.model"].GetProperty("stringValue").GetString());
        Assert.Equal("100", attributes["gen_ai.usage.input_tokens"].GetProperty("intValue").GetString());
        Assert.Equal("20", attributes["gen_ai.usage.output_tokens"].GetProperty("intValue").GetString());
        Assert.Equal("120", attributes["llm.usage.total_tokens"].GetProperty("intValue").GetString());
        Assert.Equal(100 / 1e6 * 2.5 + 20 / 1e6 * 10.0, attributes["llm.cost.total_usd"].GetProperty("doubleValue").GetDouble(), 12);
        Assert.Equal("answer", attributes["prompt"].GetProperty("stringValue").GetString());
        Assert.False(attributes.ContainsKey("user_id")); // a parent scope's attributes stay on the parent scope
        Assert.Equal("eu-west-1", attributes["region"].GetProperty("stringValue").GetString());
        Assert.Equal(answer.Id, attributes["tracentic.scope.id"].GetProperty("stringValue").GetString());
        Assert.False(chat.GetProperty("status").TryGetProperty("code", out _)); // unset, as instrumentations leave success

        var error = OtlpTracesReceiver.Attributes(failed);
        Assert.Equal("System.Net.Http.HttpRequestException", error["error.type"].GetProperty("stringValue").GetString());
        Assert.Equal(2, failed.GetProperty("status").GetProperty("code").GetInt32());
        Assert.Equal("429 Too Many Requests", failed.GetProperty("status").GetProperty("message").GetString());
        Assert.False(error.ContainsKey("llm.cost.total_usd"));
    }

    [Fact]
    public async Task Alongside_the_ingest_both_flavours_carry_the_same_spans_with_matching_ids_and_only_standard_OTLP_sends_scopes()
    {
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        await using var ingest = await IngestReceiver.StartAsync();
        var engine = ForOtlp(otlp.BaseUrl, apiKey: "trk_test_both", ingest: ingest.BaseUrl);

        using (var request = new Activity("incoming-request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            using (var scope = engine.Begin("step"))
            {
                engine.RecordSpan(scope, Engines.Chat());
                engine.RecordError(scope, Engines.Chat(model: "gpt-4o-mini"), new TimeoutException("slow"));
                using (scope.CreateChild("inner"))
                {
                }
            }

            engine.RecordSpan(null, Engines.Chat(input: 7)); // no scope: hangs from the request activity
        }

        engine.RecordSpan(null, Engines.Chat(input: 9)); // no scope, no activity: a trace of its own
        await engine.FlushAsync();

        var ingested = await ingest.WaitForSpansAsync(4, TimeSpan.FromSeconds(10));
        var standard = otlp.DeliveredSpans;
        var ingestBody = string.Concat(ingest.Requests.Select(r => r.BodyText));
        Assert.Equal(4, ingested.Count); // LLM spans only: the ingest links scopes by attributes
        Assert.Equal(6, standard.Count); // the same four, and the two scopes
        Assert.Equal(["inner", "step"], standard.Where(s => s.GetProperty("kind").GetInt32() == 1).Select(Name).Order());
        foreach (var span in ingested)
        {
            // The same span in both flavours: equal trace and span ids, base64 on the ingest, hex in standard OTLP.
            var twin = Assert.Single(standard, s => Id(s) == span.SpanId);
            Assert.Equal(span.TraceId, twin.GetProperty("traceId").GetString());
            Assert.Contains($"\"spanId\":\"{Convert.ToBase64String(Convert.FromHexString(span.SpanId))}\"", ingestBody); // base64 on the ingest wire
            Assert.Equal(span["llm.usage.input_tokens"], long.Parse(OtlpTracesReceiver.Attributes(twin)["llm.usage.input_tokens"].GetProperty("intValue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        var step = standard.Single(s => Name(s) == "step");
        Assert.All(standard.Where(s => OtlpTracesReceiver.Attributes(s).TryGetValue("tracentic.scope.name", out var name) && name.GetProperty("stringValue").GetString() == "step" && Name(s) != "step"),
            s => Assert.Equal(Id(step), s.GetProperty("parentSpanId").GetString())); // standard OTLP: the scope span is the parent
        Assert.Equal(Id(step), standard.Single(s => Name(s) == "inner").GetProperty("parentSpanId").GetString());
        Assert.Equal([1, 3], ingested.GroupBy(s => s.TraceId).Select(g => g.Count()).Order()); // the request's trace holds its scope tree
    }

    [Fact]
    [Trait("Category", "Slow")] // 8-10 s, most of it CPU on the export threads (same with the old hand-written clock), the longest test of the fast loop; the one-output outage stays in it (DeliveryTests): left out of the fast loop (README, "Running the tests")
    public async Task An_outage_of_the_standard_endpoint_loses_nothing_and_never_holds_up_the_ingest()
    {
        var port = FreePort();
        var clock = new TimerWatchingTimeProvider(Engines.T0);
        await using var ingest = await IngestReceiver.StartAsync();
        var engine = Engines.Create(o =>
        {
            o.ApiKey = "trk_test_outage";
            o.Endpoint = ingest.BaseUrl;
            o.TimeProvider = clock;
            o.ExportTimeout = TimeSpan.FromMinutes(2); // out of the way of the backoff timers the test moves to
            o.Otlp = new OtlpOutputOptions { Endpoint = $"http://127.0.0.1:{port}" };
        });
        for (var i = 0; i < 300; i++)
        {
            engine.RecordSpan(null, Engines.Chat(input: i));
        }

        var flush = engine.FlushAsync();

        // The ingest is up: it has everything while the standard endpoint still refuses connections.
        var ingested = await ingest.WaitForSpansAsync(300, Wait);

        // Nothing listens on the standard endpoint: each attempt is refused, then the loop waits out its backoff (1 s doubling to 30 s).
        var outage = TimeSpan.Zero;
        var backoff = await clock.WaitForTimerAsync(TimeSpan.Zero, TimeSpan.FromSeconds(30), Wait);
        while (outage < TimeSpan.FromSeconds(60))
        {
            clock.Advance(backoff);
            outage += backoff;
            backoff = await clock.WaitForTimerAsync(TimeSpan.Zero, TimeSpan.FromSeconds(30), Wait);
        }

        await using var otlp = await OtlpTracesReceiver.StartAsync(port, []);
        clock.Advance(backoff);
        await flush.WaitAsync(Wait); // ends when the standard output has its spans acknowledged too

        var standard = otlp.DeliveredSpans;
        Assert.Equal(300, standard.Count);
        Assert.Equal(300, standard.Select(Id).Distinct().Count()); // each exactly once
        Assert.Equal(ingested.Select(s => s.SpanId).Order(), standard.Select(Id).Order());
        Assert.Equal(0, engine.DroppedSpans);
        await engine.ShutdownAsync();
    }

    [Fact]
    public async Task A_span_recorded_by_hand_keeps_its_own_request_parameter_and_code_attributes()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync();
        var engine = ForOtlp(receiver.BaseUrl);

        // Only a wrapped call's details replace these names; a span recorded by hand carries what its author set.
        var span = Engines.Chat();
        span.Attributes = new() { ["gen_ai.request.temperature"] = 0.2, ["code.function"] = "Bot.Ask" };
        engine.RecordSpan(null, span);
        await engine.FlushAsync();

        var attributes = OtlpTracesReceiver.Attributes(Assert.Single(receiver.DeliveredSpans));
        Assert.Equal(0.2, attributes["gen_ai.request.temperature"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("Bot.Ask", attributes["code.function"].GetProperty("stringValue").GetString());
    }

    [Fact]
    public async Task A_refused_request_is_retried_and_delivered_once()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync(503, 500);
        var engine = ForOtlp(receiver.BaseUrl);

        engine.RecordSpan(null, Engines.Chat());
        await engine.FlushAsync();

        Assert.Equal([503, 500, 200], receiver.Requests.Select(r => r.Status));
        Assert.Single(receiver.DeliveredSpans);
    }

    [Fact]
    public async Task Refused_credentials_point_to_the_collector_headers_and_never_log_them()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync(401);
        var log = new CapturingLoggerProvider();
        var engine = Engines.Create(o =>
        {
            o.ServiceName = "otlp-tests";
            o.LoggerFactory = log.CreateFactory();
            o.Otlp = new OtlpOutputOptions { Endpoint = receiver.BaseUrl, Headers = new() { ["authorization"] = "Bearer collector-secret-123" } };
        });

        engine.RecordSpan(null, Engines.Chat());
        await engine.FlushAsync();
        await engine.ShutdownAsync();

        Assert.Contains(log.Warnings, w => w.Contains("401", StringComparison.Ordinal) && w.Contains("check the headers in TracenticOptions.Otlp", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Warnings, w => w.Contains("TracenticOptions.ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("collector-secret-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_refused_for_its_content_is_halved_so_only_the_refused_span_is_lost()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync(400, 400);
        var engine = ForOtlp(receiver.BaseUrl);

        engine.RecordSpan(null, Engines.Chat(input: 1));
        engine.RecordSpan(null, Engines.Chat(input: 2));
        await engine.FlushAsync();

        Assert.Equal([2, 1, 1], receiver.Requests.Select(r => OtlpTracesReceiver.Spans(r.Body).Count()));
        var delivered = Assert.Single(receiver.DeliveredSpans);
        Assert.Equal("2", OtlpTracesReceiver.Attributes(delivered)["gen_ai.usage.input_tokens"].GetProperty("intValue").GetString());
    }

    [Fact]
    public async Task Shutdown_delivers_what_is_queued_and_a_scope_ended_afterwards_is_dropped_with_a_warning()
    {
        await using var receiver = await OtlpTracesReceiver.StartAsync();
        var engine = ForOtlp(receiver.BaseUrl);
        var late = engine.Begin("late");
        engine.RecordSpan(null, Engines.Chat());

        await engine.ShutdownAsync();
        late.End();

        Assert.Single(receiver.DeliveredSpans);
    }

    [Fact]
    public void The_environment_variables_give_the_endpoint_and_headers_and_bad_values_say_what_to_fix()
    {
        var fromBase = OtlpOutputOptions.FromVariables(name => name switch
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://collector:4318/",
            "OTEL_EXPORTER_OTLP_HEADERS" => "api-key=a%20b, tenant=blue",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS" => "tenant=green",
            _ => null,
        })!;
        var settings = OtlpOutputSettings.From(fromBase)!;
        Assert.Equal("http://collector:4318/v1/traces", settings.TracesUri.ToString());
        Assert.Equal(["api-key=a b", "tenant=green"], settings.Headers.Select(h => $"{h.Key}={h.Value}").Order());

        var fromTraces = OtlpOutputOptions.FromVariables(name => name switch
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://ignored:4318",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" => "https://collector.example/custom/traces",
            _ => null,
        })!;
        Assert.Equal("https://collector.example/custom/traces", OtlpOutputSettings.From(fromTraces)!.TracesUri.ToString());

        Assert.Null(OtlpOutputOptions.FromVariables(_ => null));
        var noEndpoint = Assert.Throws<ArgumentException>(() => new TracenticOptions { Otlp = new OtlpOutputOptions() }.Validate());
        Assert.Contains("Endpoint", noEndpoint.Message);
        var relative = Assert.Throws<ArgumentException>(() => new TracenticOptions { Otlp = new OtlpOutputOptions { Endpoint = "collector:4318" } }.Validate());
        Assert.Contains("absolute http:// or https://", relative.Message);
        var badHeaders = Assert.Throws<ArgumentException>(() => OtlpOutputOptions.FromVariables(name => name switch
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://collector:4318",
            "OTEL_EXPORTER_OTLP_HEADERS" => "just-a-token",
            _ => null,
        }));
        Assert.Contains("key=value", badHeaders.Message);
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Name(JsonElement span) => span.GetProperty("name").GetString()!;

    private static string Id(JsonElement span) => span.GetProperty("spanId").GetString()!;
}

internal static class OptionsValidation
{
    /// <summary>Validates as creating an engine does, without creating one.</summary>
    public static void Validate(this TracenticOptions options) => _ = new TracenticSettings(options);
}
