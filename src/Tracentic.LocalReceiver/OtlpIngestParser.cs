using System.Globalization;
using System.Text.Json;

namespace Tracentic.Local;

/// <summary>
/// Parses an ingest request body (OTLP/HTTP JSON: <c>resourceSpans[].scopeSpans[].spans[]</c>) strictly: a
/// missing or malformed required field is an <see cref="OtlpFormatException"/> whose message gives its path,
/// e.g. <c>resourceSpans[0].scopeSpans[0].spans[2].spanId</c>. Ids are accepted as base64 (what the Tracentic
/// SDKs send) or hex (the OTLP JSON mapping), integers as strings or numbers.
/// </summary>
public static class OtlpIngestParser
{
    /// <summary>Counts and durations of the wire contract, which the ingest refuses when negative.</summary>
    private static readonly string[] NonNegativeAttributes =
        ["llm.usage.input_tokens", "llm.usage.output_tokens", "llm.usage.total_tokens", "llm.duration_ms"];

    /// <summary>Parses a request body into its spans.</summary>
    /// <exception cref="OtlpFormatException">The body is not valid OTLP/HTTP JSON.</exception>
    public static IReadOnlyList<ReceivedSpan> Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new OtlpFormatException($"the body is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OtlpFormatException($"the body must be a JSON object with \"resourceSpans\", not {Describe(root)}");
            }

            var spans = new List<ReceivedSpan>();
            var resourceSpans = RequiredArray(root, "resourceSpans", "");
            var r = 0;
            foreach (var resourceEntry in resourceSpans.EnumerateArray())
            {
                var resourcePath = $"resourceSpans[{r++}]";
                RequireObject(resourceEntry, resourcePath);
                var resourceAttributes = resourceEntry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object
                    && resource.TryGetProperty("attributes", out var attributes)
                        ? ParseAttributes(attributes, resourcePath + ".resource.attributes")
                        : new Dictionary<string, object?>();
                var received = new ReceivedResource(resourceAttributes);

                var s = 0;
                foreach (var scopeEntry in RequiredArray(resourceEntry, "scopeSpans", resourcePath).EnumerateArray())
                {
                    var scopePath = $"{resourcePath}.scopeSpans[{s++}]";
                    RequireObject(scopeEntry, scopePath);
                    string? scopeName = null, scopeVersion = null;
                    if (scopeEntry.TryGetProperty("scope", out var instrumentation) && instrumentation.ValueKind == JsonValueKind.Object)
                    {
                        scopeName = OptionalString(instrumentation, "name", scopePath + ".scope");
                        scopeVersion = OptionalString(instrumentation, "version", scopePath + ".scope");
                    }

                    var i = 0;
                    foreach (var spanEntry in RequiredArray(scopeEntry, "spans", scopePath).EnumerateArray())
                    {
                        spans.Add(ParseSpan(spanEntry, $"{scopePath}.spans[{i++}]", received, scopeName, scopeVersion));
                    }
                }
            }

            return spans;
        }
    }

    private static ReceivedSpan ParseSpan(JsonElement span, string path, ReceivedResource resource, string? scopeName, string? scopeVersion)
    {
        RequireObject(span, path);
        var name = OptionalString(span, "name", path);
        if (string.IsNullOrEmpty(name))
        {
            throw new OtlpFormatException($"{path}.name: a span needs a non-empty name");
        }

        var start = RequiredUInt64(span, "startTimeUnixNano", path);
        var end = RequiredUInt64(span, "endTimeUnixNano", path);
        if (end < start)
        {
            throw new OtlpFormatException($"{path}: endTimeUnixNano ({end}) is before startTimeUnixNano ({start})");
        }

        var statusCode = 0;
        string? statusMessage = null;
        if (span.TryGetProperty("status", out var status) && status.ValueKind != JsonValueKind.Null)
        {
            RequireObject(status, path + ".status");
            if (status.TryGetProperty("code", out var code))
            {
                statusCode = (int)ReadInteger(code, path + ".status.code");
                if (statusCode is < 0 or > 2)
                {
                    throw new OtlpFormatException($"{path}.status.code: {statusCode} is not a status code (0 unset, 1 ok, 2 error)");
                }
            }

            statusMessage = OptionalString(status, "message", path + ".status");
        }

        string? parent = null;
        if (span.TryGetProperty("parentSpanId", out var parentElement) && parentElement.ValueKind == JsonValueKind.String && parentElement.GetString() is { Length: > 0 })
        {
            parent = ReadId(parentElement, 8, path + ".parentSpanId");
        }

        var parsedAttributes = span.TryGetProperty("attributes", out var attributes)
            ? ParseAttributes(attributes, path + ".attributes")
            : new Dictionary<string, object?>();
        foreach (var key in NonNegativeAttributes)
        {
            if (parsedAttributes.TryGetValue(key, out var value) && value is long number && number < 0)
            {
                throw new OtlpFormatException($"{path}.attributes: \"{key}\" must not be negative, got {number}");
            }
        }

        return new ReceivedSpan
        {
            TraceId = ReadId(Required(span, "traceId", path), 16, path + ".traceId"),
            SpanId = ReadId(Required(span, "spanId", path), 8, path + ".spanId"),
            ParentSpanId = parent,
            Name = name,
            Kind = span.TryGetProperty("kind", out var kind) ? (int)ReadInteger(kind, path + ".kind") : 0,
            StartTimeUnixNano = start,
            EndTimeUnixNano = end,
            Attributes = parsedAttributes,
            StatusCode = statusCode,
            StatusMessage = statusMessage,
            Resource = resource,
            InstrumentationScopeName = scopeName,
            InstrumentationScopeVersion = scopeVersion,
        };
    }

    /// <summary>Parses an OTLP <c>KeyValue</c> array. A key that appears twice is an error.</summary>
    internal static Dictionary<string, object?> ParseAttributes(JsonElement attributes, string path)
    {
        if (attributes.ValueKind != JsonValueKind.Array)
        {
            throw new OtlpFormatException($"{path}: expected an array of {{\"key\", \"value\"}} objects, got {Describe(attributes)}");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var i = 0;
        foreach (var attribute in attributes.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            RequireObject(attribute, itemPath);
            var key = OptionalString(attribute, "key", itemPath);
            if (string.IsNullOrEmpty(key))
            {
                throw new OtlpFormatException($"{itemPath}.key: an attribute needs a non-empty key");
            }

            var value = attribute.TryGetProperty("value", out var valueElement) ? ParseValue(valueElement, itemPath + ".value") : null;
            if (!result.TryAdd(key, value))
            {
                throw new OtlpFormatException($"{itemPath}: attribute \"{key}\" appears twice on the same span or resource");
            }
        }

        return result;
    }

    /// <summary>
    /// Parses an OTLP <c>AnyValue</c>: stringValue → string, intValue → long, doubleValue → double, boolValue → bool,
    /// bytesValue → byte[], arrayValue → list, kvlistValue → dictionary; an empty value → null.
    /// </summary>
    internal static object? ParseValue(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireObject(value, path);
        foreach (var property in value.EnumerateObject())
        {
            var valuePath = $"{path}.{property.Name}";
            return property.Name switch
            {
                "stringValue" => property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : throw new OtlpFormatException($"{valuePath}: expected a string, got {Describe(property.Value)}"),
                "intValue" => ReadInteger(property.Value, valuePath),
                "doubleValue" => ReadDouble(property.Value, valuePath),
                "boolValue" => property.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new OtlpFormatException($"{valuePath}: expected true or false, got {Describe(property.Value)}"),
                },
                "bytesValue" => ReadBase64(property.Value, valuePath),
                "arrayValue" => ReadArray(property.Value, valuePath),
                "kvlistValue" => property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("values", out var values)
                    ? ParseAttributes(values, valuePath + ".values")
                    : new Dictionary<string, object?>(),
                _ => throw new OtlpFormatException($"{valuePath}: unknown value kind \"{property.Name}\" (expected stringValue, intValue, doubleValue, boolValue, bytesValue, arrayValue or kvlistValue)"),
            };
        }

        return null;
    }

    private static List<object?> ReadArray(JsonElement element, string path)
    {
        var list = new List<object?>();
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("values", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                throw new OtlpFormatException($"{path}.values: expected an array, got {Describe(values)}");
            }

            var i = 0;
            foreach (var item in values.EnumerateArray())
            {
                list.Add(ParseValue(item, $"{path}.values[{i++}]"));
            }
        }

        return list;
    }

    private static long ReadInteger(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new OtlpFormatException($"{path}: expected a 64-bit integer (a number or a decimal string), got {Describe(element)}"),
    };

    private static double ReadDouble(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new OtlpFormatException($"{path}: expected a number, got {Describe(element)}"),
        },
        _ => throw new OtlpFormatException($"{path}: expected a number, got {Describe(element)}"),
    };

    private static long RequiredUInt64(JsonElement parent, string name, string path)
    {
        var value = ReadInteger(Required(parent, name, path), $"{path}.{name}");
        return value >= 0 ? value : throw new OtlpFormatException($"{path}.{name}: a time must not be negative, got {value}");
    }

    /// <summary>An id of <paramref name="bytes"/> bytes, sent as base64 or hex, returned as lowercase hex.</summary>
    private static string ReadId(JsonElement element, int bytes, string path)
    {
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            throw new OtlpFormatException($"{path}: expected an id of {bytes} bytes as a base64 or hex string, got {Describe(element)}");
        }

        byte[]? decoded = null;
        if (text.Length == bytes * 2 && IsHex(text))
        {
            decoded = Convert.FromHexString(text);
        }
        else
        {
            var buffer = new byte[bytes + 3];
            if (Convert.TryFromBase64String(text, buffer, out var written) && written == bytes)
            {
                decoded = buffer[..bytes];
            }
        }

        if (decoded is null)
        {
            throw new OtlpFormatException($"{path}: \"{Truncate(text)}\" is not an id of {bytes} bytes (base64 of {bytes} bytes, or {bytes * 2} hex characters)");
        }

        if (decoded.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new OtlpFormatException($"{path}: an id of all zero bytes is invalid in OTLP");
        }

        return Convert.ToHexStringLower(decoded);
    }

    private static byte[] ReadBase64(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String && element.TryGetBytesFromBase64(out var bytes))
        {
            return bytes;
        }

        throw new OtlpFormatException($"{path}: expected base64 bytes, got {Describe(element)}");
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new OtlpFormatException($"{Join(path, name)}: required field is missing");

    private static JsonElement RequiredArray(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path);
        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new OtlpFormatException($"{Join(path, name)}: expected an array, got {Describe(value)}");
    }

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new OtlpFormatException($"{Join(path, name)}: expected a string, got {Describe(value)}");
    }

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpFormatException($"{path}: expected an object, got {Describe(element)}");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(element.GetString() ?? "")}\"",
        JsonValueKind.Number => $"the number {Truncate(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..61] + "...";
}
