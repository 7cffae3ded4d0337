using Microsoft.Extensions.Time.Testing;
using Tracentic.Local;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Core;

namespace Tracentic.Tests;

/// <summary>The exact request the exporter sends, checked on a real HTTP server (DESIGN.md, "Wire contract").</summary>
public class WireContractTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string SdkVersion =
        typeof(TracenticSdk).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static long UnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    [Fact]
    public async Task The_request_is_a_POST_to_v1_ingest_with_the_API_key_JSON_content_type_and_SDK_user_agent()
    {
        await using var receiver = await IngestReceiver.StartAsync(expectedApiKey: TestClients.ApiKey);
        await using var client = TestClients.ForReceiver(receiver, o => o.Endpoint = receiver.BaseUrl + "/");

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/ingest", request.Path);
        Assert.Equal(200, request.StatusCode);
        Assert.Equal(TestClients.ApiKey, request.Header("x-tracentic-api-key"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal($"tracentic-dotnet/{SdkVersion}", request.Header("User-Agent"));
        Assert.Matches(@"^\d+\.\d+\.\d+", SdkVersion);
    }

    [Fact]
    public async Task The_body_is_OTLP_JSON_with_resource_scope_and_every_span_field_and_attribute_of_the_contract()
    {
        await using var receiver = await IngestReceiver.StartAsync(expectedApiKey: TestClients.ApiKey);
        var clock = new FakeTimeProvider(T0);
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.ServiceName = "rag-api";
            o.ServiceVersion = "4.5.6";
            o.Environment = "staging";
            o.TimeProvider = clock;
            o.CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) };
            o.GlobalAttributes = new() { ["region"] = "eu-west-1" };
        });
        var parent = client.Begin("rag-pipeline", correlationId: "order-42");
        clock.Advance(TimeSpan.FromMilliseconds(250));
        var scope = parent.CreateChild("synthesis", new() { ["strategy"] = "hybrid" });
        var start = T0.AddSeconds(1);

        client.RecordSpan(scope, new TracenticSpan
        {
            StartedAt = start,
            EndedAt = start.AddTicks(12_345_678), // 1234.5678 ms
            Provider = "openai",
            Model = "gpt-4o",
            InputTokens = 1200,
            OutputTokens = 300,
            OperationType = "chat",
            Attributes = new() { ["user_id"] = "u-1", ["attempt"] = 2, ["cached"] = false, ["temperature"] = 0.25 },
        });
        await client.FlushAsync();

        var body = Assert.Single(receiver.Requests).Body;
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["resourceSpans"], Names(root));
        var resourceSpans = Assert.Single(root.GetProperty("resourceSpans").EnumerateArray());
        Assert.Equal(["resource", "scopeSpans"], Names(resourceSpans));

        var resource = Assert.Single(OtlpIngestParser.Parse(body)).Resource.Attributes;
        Assert.Equal<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>
        {
            ["service.name"] = "rag-api",
            ["service.version"] = "4.5.6",
            ["deployment.environment"] = "staging",
            ["telemetry.sdk.name"] = "tracentic-dotnet",
            ["telemetry.sdk.language"] = "dotnet",
            ["telemetry.sdk.version"] = SdkVersion,
        }, resource);

        var scopeSpans = Assert.Single(resourceSpans.GetProperty("scopeSpans").EnumerateArray());
        Assert.Equal(["scope", "spans"], Names(scopeSpans));
        Assert.Equal("Tracentic", scopeSpans.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal(SdkVersion, scopeSpans.GetProperty("scope").GetProperty("version").GetString());

        var span = Assert.Single(scopeSpans.GetProperty("spans").EnumerateArray());
        Assert.Equal(["traceId", "spanId", "name", "kind", "startTimeUnixNano", "endTimeUnixNano", "attributes", "status"], Names(span));
        Assert.Equal(Convert.FromHexString(parent.Id), Convert.FromBase64String(span.GetProperty("traceId").GetString()!)); // a scope tree is one trace: the root's
        var spanId = Convert.FromBase64String(span.GetProperty("spanId").GetString()!);
        Assert.Equal(8, spanId.Length);
        Assert.Contains(spanId, b => b != 0);
        Assert.Equal("llm.openai.chat", span.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, span.GetProperty("kind").ValueKind);
        Assert.Equal(3, span.GetProperty("kind").GetInt32());
        Assert.Equal(JsonValueKind.String, span.GetProperty("startTimeUnixNano").ValueKind);
        Assert.Equal(UnixNanos(start).ToString(CultureInfo.InvariantCulture), span.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal((UnixNanos(start) + 1_234_567_800).ToString(CultureInfo.InvariantCulture), span.GetProperty("endTimeUnixNano").GetString());
        Assert.Equal("""{"code":1}""", span.GetProperty("status").GetRawText());

        // Every attribute with its exact key and typed value, as raw JSON.
        var attributes = span.GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetRawText());
        var cost = 1200 / 1e6 * 2.5 + 300 / 1e6 * 10.0;
        Assert.Equal(new Dictionary<string, string>
        {
            ["llm.provider"] = """{"stringValue":"openai"}""",
            ["llm.request.model"] = """{"stringValue":"gpt-4o"}""",
            ["llm.request.type"] = """{"stringValue":"chat"}""",
            ["llm.usage.input_tokens"] = """{"intValue":"1200"}""",
            ["llm.usage.output_tokens"] = """{"intValue":"300"}""",
            ["llm.usage.total_tokens"] = """{"intValue":"1500"}""",
            ["llm.duration_ms"] = """{"intValue":"1235"}""", // 1234.5678 ms, rounded as the Python SDK does
            ["llm.cost.total_usd"] = $$"""{"doubleValue":{{cost.ToString("R", CultureInfo.InvariantCulture)}}}""",
            ["tracentic.scope.id"] = $$"""{"stringValue":"{{scope.Id}}"}""",
            ["tracentic.scope.name"] = """{"stringValue":"synthesis"}""",
            ["tracentic.scope.started_at"] = """{"stringValue":"2025-03-01T12:00:00.250000+00:00"}""",
            ["tracentic.scope.parent_id"] = $$"""{"stringValue":"{{parent.Id}}"}""",
            ["tracentic.scope.correlation_id"] = """{"stringValue":"order-42"}""",
            ["user_id"] = """{"stringValue":"u-1"}""",
            ["attempt"] = """{"intValue":"2"}""",
            ["cached"] = """{"boolValue":false}""",
            ["temperature"] = """{"doubleValue":0.25}""",
            ["strategy"] = """{"stringValue":"hybrid"}""",
            ["region"] = """{"stringValue":"eu-west-1"}""",
        }, attributes);
        Assert.Equal(19, span.GetProperty("attributes").GetArrayLength()); // no key twice
    }

    [Fact]
    public async Task An_error_span_has_status_code_2_with_the_message_and_the_error_type_but_no_cost()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) });

        client.RecordError(null, TestClients.Span(), new TimeoutException("The model did not answer \"in time\"."));
        await client.FlushAsync();

        var span = Assert.Single(receiver.Spans);
        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        var raw = json.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];
        Assert.Equal("""{"code":2,"message":"The model did not answer \"in time\"."}""", raw.GetProperty("status").GetRawText());
        Assert.Equal("TimeoutException", span["llm.error.type"]);
        Assert.False(span.Attributes.ContainsKey("llm.cost.total_usd"));
        Assert.Equal(150L, span["llm.usage.total_tokens"]);
    }

    [Fact]
    public async Task With_a_current_Activity_the_span_joins_its_trace_with_the_activity_as_parent()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver);
        using (var activity = new Activity("incoming-request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            var scope = client.Begin("s"); // begun under the activity: its scope tree joins the activity's trace
            client.RecordSpan(scope, TestClients.Span(model: "inside"));
            client.RecordError(null, TestClients.Span(model: "inside-error"), new Exception("x"));
            await client.FlushAsync();

            var spans = await receiver.WaitForSpansAsync(2, TimeSpan.FromSeconds(5));
            foreach (var span in spans)
            {
                Assert.Equal(activity.TraceId.ToHexString(), span.TraceId);
                Assert.Equal(activity.SpanId.ToHexString(), span.ParentSpanId);
                Assert.NotEqual(activity.SpanId.ToHexString(), span.SpanId);
            }

            Assert.Equal(scope.Id, spans[0].ScopeId); // the scope still shows in the attributes
        }
    }

    [Fact]
    public async Task Without_an_Activity_there_is_no_parent_span_id_and_a_scopeless_span_gets_a_random_trace_id()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver);
        Assert.Null(Activity.Current);
        var scope = client.Begin("s");

        client.RecordSpan(null, TestClients.Span());
        client.RecordSpan(null, TestClients.Span());
        client.RecordSpan(scope, TestClients.Span());
        client.RecordSpan(scope, TestClients.Span());
        await client.FlushAsync();

        var spans = receiver.Spans;
        Assert.All(spans, s => Assert.Null(s.ParentSpanId));
        Assert.DoesNotContain("parentSpanId", receiver.Requests.Select(r => r.BodyText).Single());
        using var body = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        var wireSpans = body.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans").EnumerateArray().ToList();
        Assert.All(wireSpans, s => Assert.Equal(16, s.GetProperty("traceId").GetBytesFromBase64().Length)); // base64 on the wire
        Assert.All(spans, s => Assert.Matches("^[0-9a-f]{32}$", s.TraceId)); // the receiver refuses an all-zero id
        Assert.NotEqual(spans[0].TraceId, spans[1].TraceId);
        Assert.Equal(scope.Id, spans[2].TraceId);
        Assert.Equal(scope.Id, spans[3].TraceId);
        Assert.Equal(4, spans.Select(s => s.SpanId).Distinct().Count());
    }

    [Fact]
    public async Task Many_spans_in_one_batch_share_one_resource_and_are_each_complete()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.BatchDelay = TimeSpan.FromMinutes(1));
        var scopes = Enumerable.Range(0, 5).Select(i => client.Begin($"scope-{i}", new() { ["n"] = i })).ToArray();

        for (var i = 0; i < 50; i++)
        {
            client.RecordSpan(scopes[i % 5], TestClients.Span(attributes: new() { ["i"] = i }));
        }

        await client.FlushAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(50, request.Spans.Count);
        Assert.All(request.Spans.Select((s, i) => (s, i)), x =>
        {
            Assert.Equal((long)x.i, x.s["i"]);
            Assert.Equal($"scope-{x.i % 5}", x.s.ScopeName);
            Assert.Equal((long)(x.i % 5), x.s["n"]);
        });
    }


    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
