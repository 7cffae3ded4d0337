using System.Text;
using System.Text.Json.Nodes;
using Tracentic.Local;

namespace Tracentic.IntegrationTests.Infrastructure;

/// <summary>Builds ingest request bodies by hand, for parser and tree tests that need exact control.</summary>
internal static class Otlp
{
    private static int s_nextSpan;

    public static JsonObject Attribute(string key, object? value) => new()
    {
        ["key"] = key,
        ["value"] = value switch
        {
            null => new JsonObject(),
            string s => new JsonObject { ["stringValue"] = s },
            bool b => new JsonObject { ["boolValue"] = b },
            int i => new JsonObject { ["intValue"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            long l => new JsonObject { ["intValue"] = l.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            double d => new JsonObject { ["doubleValue"] = d },
            _ => throw new ArgumentException($"unsupported {value.GetType()}"),
        },
    };

    /// <summary>A span as the SDK writes one (base64 ids, decimal-string times); <paramref name="attributes"/> are added last.</summary>
    public static JsonObject Span(
        string name = "llm.openai.chat",
        long startMs = 0,
        long durationMs = 10,
        string? scopeId = null,
        string? scopeName = null,
        string? parentId = null,
        string? correlationId = null,
        long startedAtMs = 0,
        string? model = "gpt-4o",
        long? input = 10,
        long? output = 5,
        double? cost = null,
        string? error = null,
        params (string Key, object? Value)[] attributes)
    {
        var n = Interlocked.Increment(ref s_nextSpan);
        var list = new JsonArray();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                list.Add(Attribute(key, value));
            }
        }

        Add("llm.provider", "openai");
        Add("llm.request.model", model);
        Add("llm.request.type", "chat");
        Add("llm.usage.input_tokens", input);
        Add("llm.usage.output_tokens", output);
        Add("llm.duration_ms", durationMs);
        Add("llm.cost.total_usd", cost);
        Add("llm.error.type", error is null ? null : "TimeoutException");
        Add("tracentic.scope.id", scopeId);
        Add("tracentic.scope.name", scopeName);
        Add("tracentic.scope.started_at", scopeId is null ? null : DateTimeOffset.UnixEpoch.AddMilliseconds(1_700_000_000_000 + startedAtMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture)); // as the SDKs write it
        Add("tracentic.scope.parent_id", parentId);
        Add("tracentic.scope.correlation_id", correlationId);
        foreach (var (key, value) in attributes)
        {
            Add(key, value);
        }

        var startNanos = (1_700_000_000_000 + startMs) * 1_000_000;
        return new JsonObject
        {
            ["traceId"] = Convert.ToBase64String(Enumerable.Repeat((byte)7, 16).ToArray()),
            ["spanId"] = Convert.ToBase64String(BitConverter.GetBytes((long)n + 1)),
            ["name"] = name,
            ["kind"] = 3,
            ["startTimeUnixNano"] = startNanos.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["endTimeUnixNano"] = (startNanos + durationMs * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attributes"] = list,
            ["status"] = error is null ? new JsonObject { ["code"] = 1 } : new JsonObject { ["code"] = 2, ["message"] = error },
        };
    }

    public static JsonObject Body(string service, params JsonObject[] spans) => new()
    {
        ["resourceSpans"] = new JsonArray(new JsonObject
        {
            ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attribute("service.name", service)) },
            ["scopeSpans"] = new JsonArray(new JsonObject
            {
                ["scope"] = new JsonObject { ["name"] = "Tracentic", ["version"] = "0.1.0" },
                ["spans"] = new JsonArray(spans.Select(s => (JsonNode)s).ToArray()),
            }),
        }),
    };

    public static byte[] Bytes(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    public static IReadOnlyList<ReceivedSpan> Parse(JsonNode body) => OtlpIngestParser.Parse(Bytes(body));

    /// <summary>Scope id made of one repeated hex digit, easy to read in failures.</summary>
    public static string ScopeId(char digit) => new(digit, 32);
}
