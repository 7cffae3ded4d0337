using System.Text;
using System.Text.Json.Nodes;
using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;
using Tracentic.Testing;

namespace Tracentic.IntegrationTests.LocalReceiver;

/// <summary>The receiver's parser reads what the SDK writes, exactly, and rejects malformed bodies with the path of the fault.</summary>
public class OtlpIngestParserTests
{
    [Fact]
    public async Task Reads_every_field_the_SDK_writes_as_the_reference_parser_does()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.ServiceName = "parser-test";
            o.CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10) };
            o.GlobalAttributes = new() { ["region"] = "eu", ["ratio"] = 0.5, ["flag"] = true, ["tags"] = new[] { "a", "b" } };
        });
        await using (client)
        {
            var root = client.Begin("pipeline", new() { ["user_id"] = "u-1" }, correlationId: "order-7");
            var child = root.CreateChild("step");
            var now = DateTimeOffset.UtcNow;
            client.RecordSpan(child, new TracenticSpan
            {
                StartedAt = now, EndedAt = now.AddMilliseconds(12), Provider = "openai", Model = "gpt-4o",
                InputTokens = 1200, OutputTokens = 300, OperationType = "chat", Attributes = new() { ["n"] = 3L },
            });
            client.RecordError(root, new TracenticSpan { StartedAt = now, EndedAt = now, Provider = "openai", Model = "gpt-4o" }, new TimeoutException("slow \"model\"\n"));
            client.RecordSpan(null, new TracenticSpan { StartedAt = now, EndedAt = now, Model = "unpriced", InputTokens = 1 });
            await client.FlushAsync();
        }

        var body = Assert.Single(exporter.Bodies);
        var actual = OtlpIngestParser.Parse(body);

        // Read back field by field with JsonDocument alone, independently of the parser.
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var expected = json.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(Convert.ToHexStringLower(e.GetProperty("traceId").GetBytesFromBase64()), a.TraceId);
            Assert.Equal(Convert.ToHexStringLower(e.GetProperty("spanId").GetBytesFromBase64()), a.SpanId);
            Assert.Null(a.ParentSpanId);
            Assert.Equal(e.GetProperty("name").GetString(), a.Name);
            Assert.Equal(3, a.Kind);
            Assert.Equal(e.GetProperty("startTimeUnixNano").GetString(), a.StartTimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(e.GetProperty("endTimeUnixNano").GetString(), a.EndTimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(e.GetProperty("status").GetProperty("code").GetInt32(), a.StatusCode);
            Assert.Equal(e.GetProperty("status").TryGetProperty("message", out var message) ? message.GetString() : null, a.StatusMessage);
            Assert.Equal(e.GetProperty("attributes").EnumerateArray().Select(x => x.GetProperty("key").GetString()!).Order(), a.Attributes.Keys.Order());
            Assert.Equal("parser-test", a.ServiceName);
            Assert.Equal("production", a.Resource.Environment);
            Assert.Equal("Tracentic", a.InstrumentationScopeName);
        }

        Assert.Equal(new object[] { "a", "b" }, (List<object?>)actual[0]["tags"]!);
        Assert.Equal(0.5, actual[0]["ratio"]);
        Assert.Equal(true, actual[0]["flag"]);
        Assert.Equal("eu", actual[0]["region"]);
        var step = actual.Single(s => s.ScopeName == "step");
        Assert.Equal(3L, step["n"]);
        Assert.Equal(1200L, step.InputTokens);
        Assert.Equal(300L, step.OutputTokens);
        Assert.Equal(1500L, step.TotalTokens);
        Assert.Equal(1200 / 1e6 * 2.5 + 300 / 1e6 * 10, step.CostUsd!.Value, 12);
        Assert.Equal(12L, step.DurationMs);
        Assert.Equal(TimeSpan.FromMilliseconds(12), step.Duration);
        Assert.Equal("order-7", step.CorrelationId);
        var pipeline = actual.Single(s => s.ScopeName == "pipeline");
        Assert.Equal(pipeline.ScopeId, step.ScopeParentId);
        Assert.Equal(pipeline.ScopeId, pipeline.TraceId); // the scope id is the trace id of its spans
        Assert.True(pipeline.IsError);
        Assert.Equal("TimeoutException", pipeline.ErrorType);
        Assert.Null(pipeline.CostUsd);
        Assert.NotNull(pipeline.ScopeStartedAt);
        var scopeless = actual.Single(s => s.ScopeId is null);
        Assert.Equal("llm.call", scopeless.Name);
    }

    [Fact]
    public void Accepts_hex_ids_numeric_integers_and_the_special_doubles()
    {
        var span = Otlp.Span();
        span["traceId"] = new string('a', 32);
        span["spanId"] = "00000000000000FF";
        span["parentSpanId"] = "0102030405060708";
        span["startTimeUnixNano"] = 1000;
        span["endTimeUnixNano"] = 2000;
        ((JsonArray)span["attributes"]!).Add(JsonNode.Parse("""{"key":"n","value":{"intValue":42}}"""));
        ((JsonArray)span["attributes"]!).Add(JsonNode.Parse("""{"key":"x","value":{"doubleValue":"NaN"}}"""));
        ((JsonArray)span["attributes"]!).Add(JsonNode.Parse("""{"key":"list","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"2"}]}}}"""));
        ((JsonArray)span["attributes"]!).Add(JsonNode.Parse("""{"key":"map","value":{"kvlistValue":{"values":[{"key":"k","value":{"boolValue":false}}]}}}"""));

        var parsed = Assert.Single(Otlp.Parse(Otlp.Body("svc", span)));

        Assert.Equal(new string('a', 32), parsed.TraceId);
        Assert.Equal("00000000000000ff", parsed.SpanId);
        Assert.Equal("0102030405060708", parsed.ParentSpanId);
        Assert.Equal(1000, parsed.StartTimeUnixNano);
        Assert.Equal(42L, parsed["n"]);
        Assert.True(double.IsNaN((double)parsed["x"]!));
        Assert.Equal(new object?[] { "a", 2L }, (List<object?>)parsed["list"]!);
        Assert.Equal(false, ((Dictionary<string, object?>)parsed["map"]!)["k"]);
    }

    [Theory]
    [InlineData("not json", "the body is not valid JSON")]
    [InlineData("[]", "the body must be a JSON object with \"resourceSpans\", not an array")]
    [InlineData("{}", "resourceSpans: required field is missing")]
    [InlineData("""{"resourceSpans":{}}""", "resourceSpans: expected an array, got an object")]
    [InlineData("""{"resourceSpans":[{}]}""", "resourceSpans[0].scopeSpans: required field is missing")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[1]}]}]}""", "resourceSpans[0].scopeSpans[0].spans[0]: expected an object, got the number 1")]
    public void Rejects_a_malformed_envelope_naming_the_field(string body, string message)
    {
        var error = Assert.Throws<OtlpFormatException>(() => OtlpIngestParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> MalformedSpans => new()
    {
        { "spanId", "\"AAEC\"", "spans[0].spanId: \"AAEC\" is not an id of 8 bytes" },
        { "traceId", "\"AAAAAAAAAAAAAAAAAAAAAA==\"", "spans[0].traceId: an id of all zero bytes is invalid" },
        { "traceId", "7", "spans[0].traceId: expected an id of 16 bytes as a base64 or hex string, got the number 7" },
        { "name", "\"\"", "spans[0].name: a span needs a non-empty name" },
        { "startTimeUnixNano", "\"soon\"", "spans[0].startTimeUnixNano: expected a 64-bit integer" },
        { "endTimeUnixNano", "\"1\"", "spans[0]: endTimeUnixNano (1) is before startTimeUnixNano" },
        { "status", "{\"code\":7}", "spans[0].status.code: 7 is not a status code" },
        { "attributes", "[{\"key\":\"a\",\"value\":{\"intValue\":\"x\"}}]", "spans[0].attributes[0].value.intValue: expected a 64-bit integer" },
        { "attributes", "[{\"key\":\"a\",\"value\":{\"weird\":1}}]", "spans[0].attributes[0].value.weird: unknown value kind \"weird\"" },
        { "attributes", "[{\"key\":\"a\"},{\"key\":\"a\"}]", "spans[0].attributes[1]: attribute \"a\" appears twice" },
        { "attributes", "[{\"value\":{}}]", "spans[0].attributes[0].key: an attribute needs a non-empty key" },
        { "attributes", "[{\"key\":\"llm.usage.total_tokens\",\"value\":{\"intValue\":\"-2\"}}]", "spans[0].attributes: \"llm.usage.total_tokens\" must not be negative, got -2" },
    };

    [Theory]
    [MemberData(nameof(MalformedSpans))]
    public void Rejects_a_malformed_span_naming_the_field(string field, string json, string message)
    {
        var span = Otlp.Span();
        span[field] = JsonNode.Parse(json);

        var error = Assert.Throws<OtlpFormatException>(() => Otlp.Parse(Otlp.Body("svc", span)));

        Assert.Contains("resourceSpans[0].scopeSpans[0]." + message, error.Message, StringComparison.Ordinal);
    }
}
