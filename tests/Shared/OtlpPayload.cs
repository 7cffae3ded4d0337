using System.Text.Json;

namespace Tracentic.Testing;

/// <summary>One span as it appeared on the wire, parsed back from OTLP/HTTP JSON for assertions.</summary>
public sealed record ExportedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    string StartTimeUnixNano,
    string EndTimeUnixNano,
    IReadOnlyDictionary<string, object?> Attributes,
    int StatusCode,
    string? StatusMessage)
{
    public object? this[string key] => Attributes.TryGetValue(key, out var value) ? value : null;

    public string? ScopeId => this["tracentic.scope.id"] as string;

    public string? ScopeName => this["tracentic.scope.name"] as string;

    public string? ScopeParentId => this["tracentic.scope.parent_id"] as string;
}

/// <summary>Parses request bodies the exporter sent (strictly: a malformed body throws).</summary>
public static class OtlpPayload
{
    public static IReadOnlyList<ExportedSpan> ParseSpans(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var spans = new List<ExportedSpan>();
        foreach (var resourceSpans in document.RootElement.GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(ParseSpan(span));
                }
            }
        }

        return spans;
    }

    public static IReadOnlyDictionary<string, object?> ParseResourceAttributes(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        return ParseAttributes(document.RootElement.GetProperty("resourceSpans")[0].GetProperty("resource").GetProperty("attributes"));
    }

    private static ExportedSpan ParseSpan(JsonElement span)
    {
        var status = span.GetProperty("status");
        var parsed = new ExportedSpan(
            span.GetProperty("traceId").GetString()!,
            span.GetProperty("spanId").GetString()!,
            span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
            span.GetProperty("name").GetString()!,
            span.GetProperty("kind").GetInt32(),
            span.GetProperty("startTimeUnixNano").GetString()!,
            span.GetProperty("endTimeUnixNano").GetString()!,
            ParseAttributes(span.GetProperty("attributes")),
            status.GetProperty("code").GetInt32(),
            status.TryGetProperty("message", out var message) ? message.GetString() : null);

        // What the ingest refuses: times that are not unsigned 64-bit nanoseconds, an end before the start,
        // negative token counts.
        var start = ulong.Parse(parsed.StartTimeUnixNano, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var end = ulong.Parse(parsed.EndTimeUnixNano, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        if (end < start)
        {
            throw new InvalidOperationException($"span ends ({end}) before it starts ({start})");
        }

        foreach (var key in (string[])["llm.usage.input_tokens", "llm.usage.output_tokens", "llm.usage.total_tokens", "llm.duration_ms"])
        {
            if (parsed[key] is long value && value < 0)
            {
                throw new InvalidOperationException($"{key} is negative ({value})");
            }
        }

        return parsed;
    }

    public static IReadOnlyDictionary<string, object?> ParseAttributes(JsonElement attributes)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var attribute in attributes.EnumerateArray())
        {
            var key = attribute.GetProperty("key").GetString()!;
            if (key.Length == 0)
            {
                throw new InvalidOperationException("an attribute key is empty");
            }

            if (!result.TryAdd(key, ParseValue(attribute.GetProperty("value"))))
            {
                throw new InvalidOperationException($"attribute '{key}' appears twice on one span");
            }
        }

        return result;
    }

    /// <summary>stringValue → string, intValue → long, doubleValue → double (or its NaN/Infinity string), boolValue → bool, arrays → list, kvlists → dictionary.</summary>
    public static object? ParseValue(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            return property.Name switch
            {
                "stringValue" => property.Value.GetString(),
                "intValue" => long.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                "doubleValue" => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetDouble(),
                "boolValue" => property.Value.GetBoolean(),
                "arrayValue" => property.Value.GetProperty("values").EnumerateArray().Select(ParseValue).ToList(),
                "kvlistValue" => ParseAttributes(property.Value.GetProperty("values")),
                _ => throw new InvalidOperationException($"unknown OTLP value kind '{property.Name}'"),
            };
        }

        return null; // an empty AnyValue
    }
}
