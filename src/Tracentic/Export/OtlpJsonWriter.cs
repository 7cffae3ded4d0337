using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Writes a batch of recorded spans as one OTLP/HTTP JSON request body, straight from the recorded data
/// with <see cref="Utf8JsonWriter"/>. Parts that repeat (resource, instrumentation scope, global, request
/// and scope attributes) are encoded once and copied. Also where merging, limits and cost are applied.
/// Not thread-safe: one instance per export loop.
/// </summary>
internal sealed class OtlpJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Valid JSON that keeps non-ASCII text readable and compact; the body is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly ArrayBufferWriter<byte> _scratchBuffer = new(256);
    private readonly Utf8JsonWriter _scratch;
    private readonly byte[] _resource;
    private readonly byte[] _instrumentationScope;
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<object, EncodedLayer> _encodedLayers = new();
    private readonly EncodedLayer _optionsGlobals;

    // Provider, model, operation and span names repeat across spans: encoded once per writer (bounded).
    private const int MaxCachedTexts = 1024;
    private readonly Dictionary<string, JsonEncodedText> _encodedTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Provider, string? Operation), JsonEncodedText> _encodedNames = [];

    public OtlpJsonWriter(TracenticSettings settings, TracenticLog log)
    {
        _settings = settings;
        _log = log;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
        _scratch = new Utf8JsonWriter(_scratchBuffer, WriterOptions);
        _resource = EncodeResource(settings);
        _instrumentationScope = EncodeInstrumentationScope();
        _optionsGlobals = Encode(settings.GlobalAttributes);
    }

    /// <summary>Span name of the wire contract: <c>llm.{provider}.{operation}</c>, <c>llm.{provider}</c> or <c>llm.call</c>.</summary>
    public static string SpanName(RecordedSpan span) => (span.Provider, span.OperationType) switch
    {
        ({ Length: > 0 } provider, { Length: > 0 } operation) => $"llm.{provider}.{operation}",
        ({ Length: > 0 } provider, _) => $"llm.{provider}",
        _ => "llm.call",
    };

    /// <summary>Writes the request body; the returned memory is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(IReadOnlyList<RecordedSpan> batch)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteStartArray("resourceSpans"u8);
        _json.WriteStartObject();
        _json.WritePropertyName("resource"u8);
        _json.WriteRawValue(_resource, skipInputValidation: true);
        _json.WriteStartArray("scopeSpans"u8);
        _json.WriteStartObject();
        _json.WritePropertyName("scope"u8);
        _json.WriteRawValue(_instrumentationScope, skipInputValidation: true);
        _json.WriteStartArray("spans"u8);
        for (var i = 0; i < batch.Count; i++)
        {
            WriteSpan(batch[i]);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    private void WriteSpan(RecordedSpan span)
    {
        Span<byte> traceId = stackalloc byte[16];
        Span<byte> spanId = stackalloc byte[8];
        Span<byte> parentSpanId = stackalloc byte[8];
        var hasParent = false;
        if (span.HasActivity)
        {
            // Join the ambient System.Diagnostics trace: its trace id, its span as parent.
            span.ActivityTraceId.CopyTo(traceId);
            span.ActivitySpanId.CopyTo(parentSpanId);
            hasParent = true;
        }
        else if (span.Scope is { } scope)
        {
            scope.WriteIdBytes(traceId);
        }
        else
        {
            RandomNonZero(traceId);
        }

        RandomNonZero(spanId);

        _json.WriteStartObject();
        _json.WriteBase64String("traceId"u8, traceId);
        _json.WriteBase64String("spanId"u8, spanId);
        if (hasParent)
        {
            _json.WriteBase64String("parentSpanId"u8, parentSpanId);
        }

        _json.WriteString("name"u8, EncodedName(span));
        _json.WriteNumber("kind"u8, 3);
        WriteNanos("startTimeUnixNano"u8, span.StartUnixNanos);
        WriteNanos("endTimeUnixNano"u8, span.EndUnixNanos);
        _json.WriteStartArray("attributes"u8);
        WriteBuiltInAttributes(span);
        WriteUserAttributes(span);
        _json.WriteEndArray();
        _json.WriteStartObject("status"u8);
        if (span.ErrorType is null)
        {
            _json.WriteNumber("code"u8, 1);
        }
        else
        {
            _json.WriteNumber("code"u8, 2);
            _json.WriteString("message"u8, JsonText.Clean(span.ErrorMessage ?? "", _settings.Limits.MaxStringValueLength));
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteBuiltInAttributes(RecordedSpan span)
    {
        WriteCachedStringAttribute(EncodedKeys.Provider, span.Provider);
        WriteCachedStringAttribute(EncodedKeys.Model, span.Model);
        WriteCachedStringAttribute(EncodedKeys.ResponseModel, span.ResponseModel);
        WriteCachedStringAttribute(EncodedKeys.FinishReason, span.FinishReason);
        // Unique per call: written directly instead of through the encoded-text cache. Captured messages are JSON
        // bounded when captured (MaxMessageContentLength), never cut here.
        WriteUncachedStringAttribute(EncodedKeys.ResponseId, span.ResponseId, _settings.Limits.MaxStringValueLength);
        WriteUncachedStringAttribute(EncodedKeys.InputMessages, span.InputMessages, int.MaxValue);
        WriteUncachedStringAttribute(EncodedKeys.OutputMessages, span.OutputMessages, int.MaxValue);

        WriteCachedStringAttribute(EncodedKeys.OperationType, span.OperationType);
        if (span.InputTokens is { } input)
        {
            WriteIntAttribute(EncodedKeys.InputTokens, input);
        }

        if (span.OutputTokens is { } output)
        {
            WriteIntAttribute(EncodedKeys.OutputTokens, output);
        }

        if (span.InputTokens is { } i && span.OutputTokens is { } o)
        {
            WriteIntAttribute(EncodedKeys.TotalTokens, i + o);
        }

        WriteIntAttribute(EncodedKeys.DurationMs, (span.EndUnixNanos - span.StartUnixNanos) / 1_000_000);
        if (Cost(span) is { } cost)
        {
            _json.WriteStartObject();
            _json.WriteString("key"u8, EncodedKeys.CostUsd);
            _json.WriteStartObject("value"u8);
            WriteDouble(_json, cost);
            _json.WriteEndObject();
            _json.WriteEndObject();
        }

        WriteCachedStringAttribute(EncodedKeys.ErrorType, span.ErrorType);
        if (span.Scope is { } scope)
        {
            WriteRaw(ScopeLayer(scope).BuiltIn!);
        }
    }

    private double? Cost(RecordedSpan span)
    {
        if (span.ErrorType is not null || span.Model is not { } model || span.InputTokens is not { } input || span.OutputTokens is not { } output)
        {
            return null;
        }

        // Priced by the model asked for, else by the one that answered (a dated snapshot such as gpt-4o-mini-2024-07-18).
        if (_settings.Pricing.TryGetValue(model, out var pricing)
            || (span.ResponseModel is { } answered && _settings.Pricing.TryGetValue(answered, out pricing)))
        {
            return pricing.CostOf(input, output);
        }

        _log.WarnOnce("pricing:" + model,
            $"no pricing for model '{model}': llm.cost.total_usd is omitted. Add it to TracenticOptions.CustomPricing, " +
            $"e.g. [\"{model}\"] = new ModelPricing(inputPerMillion, outputPerMillion).");
        return null;
    }

    /// <summary>
    /// Merges span &gt; scope &gt; request &gt; global context &gt; options globals: the first layer to name a key wins,
    /// a null value hides the key from lower layers, and at the count cap the lower layers lose.
    /// </summary>
    private void WriteUserAttributes(RecordedSpan span)
    {
        _seenKeys.Clear();
        var written = 0;
        var limits = _settings.Limits;
        if (span.Attributes is { } own)
        {
            foreach (var (rawKey, value) in own)
            {
                if (rawKey is null)
                {
                    continue;
                }

                var key = JsonText.Clean(rawKey, limits.MaxKeyLength);
                if (!Admit(key, value is null, ref written))
                {
                    continue;
                }

                if (AttributeValue.TryCreate(value, limits, out var normalized))
                {
                    WriteAttribute(_json, key, normalized);
                }
            }
        }

        if (span.Scope is { } scope)
        {
            WriteLayer(ScopeLayer(scope), ref written);
        }

        if (span.Request is { } request)
        {
            WriteLayer(CachedLayer(request.Attributes), ref written);
        }

        if (span.GlobalContext is { Count: > 0 } context)
        {
            WriteLayer(CachedLayer(context), ref written);
        }

        WriteLayer(_optionsGlobals, ref written);
    }

    private void WriteLayer(EncodedLayer layer, ref int written)
    {
        // Reserved keys were dropped when the layer was encoded.
        foreach (var (key, json) in layer.Entries)
        {
            if (AdmitUnreserved(key, json is null, ref written))
            {
                WriteRaw(json!);
            }
        }
    }

    /// <summary>Whether an attribute is written: not reserved, not already named by a higher layer, under the cap.</summary>
    private bool Admit(string key, bool hides, ref int written) => !IsReserved(key) && AdmitUnreserved(key, hides, ref written);

    private bool IsReserved(string key)
    {
        if (!SpanAttributeKeys.Reserved.Contains(key))
        {
            return false;
        }

        _log.WarnOnce("reserved:" + key, $"attribute '{key}' is written by Tracentic itself; the user attribute of that name was dropped.");
        return true;
    }

    private bool AdmitUnreserved(string key, bool hides, ref int written)
    {

        if (!_seenKeys.Add(key) || hides)
        {
            return false;
        }

        if (written >= _settings.Limits.MaxAttributeCount)
        {
            _log.WarnOnce("attribute-count", $"a span had more than {_settings.Limits.MaxAttributeCount} attributes; the lowest-priority ones were dropped.");
            return false;
        }

        written++;
        return true;
    }

    private EncodedLayer ScopeLayer(TracenticScope scope) => _encodedLayers.GetValue(scope, s => EncodeScope((TracenticScope)s));

    private EncodedLayer CachedLayer(IReadOnlyDictionary<string, object?> attributes) =>
        attributes.Count == 0 ? EncodedLayer.Empty : _encodedLayers.GetValue(attributes, a => Encode((IReadOnlyDictionary<string, object?>)a));

    private EncodedLayer EncodeScope(TracenticScope scope)
    {
        var maxString = _settings.Limits.MaxStringValueLength;
        _scratchBuffer.ResetWrittenCount();
        _scratch.Reset(_scratchBuffer);
        WriteStringAttribute(_scratch, SpanAttributeKeys.ScopeId, scope.Id, maxString);
        WriteStringAttribute(_scratch, SpanAttributeKeys.ScopeName, scope.Name, maxString);
        WriteStringAttribute(_scratch, SpanAttributeKeys.ScopeStartedAt, scope.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), maxString);
        WriteStringAttribute(_scratch, SpanAttributeKeys.ScopeParentId, scope.ParentId, maxString);
        WriteStringAttribute(_scratch, SpanAttributeKeys.ScopeCorrelationId, scope.CorrelationId, maxString);
        _scratch.Flush();

        // Several attribute objects side by side: written raw into the attributes array as they are.
        var builtIn = _scratchBuffer.WrittenSpan.ToArray();
        return Encode(scope.Attributes) with { BuiltIn = builtIn };
    }

    private EncodedLayer Encode(IReadOnlyDictionary<string, object?> attributes)
    {
        if (attributes.Count == 0)
        {
            return EncodedLayer.Empty;
        }

        var limits = _settings.Limits;
        var entries = new List<(string, byte[]?)>(attributes.Count);
        foreach (var (rawKey, value) in attributes)
        {
            var key = JsonText.Clean(rawKey, limits.MaxKeyLength);
            if (IsReserved(key))
            {
                continue;
            }

            if (!AttributeValue.TryCreate(value, limits, out var normalized))
            {
                entries.Add((key, null)); // null hides the key in lower layers
                continue;
            }

            _scratchBuffer.ResetWrittenCount();
            _scratch.Reset(_scratchBuffer);
            WriteAttribute(_scratch, key, normalized);
            _scratch.Flush();
            entries.Add((key, _scratchBuffer.WrittenSpan.ToArray()));
        }

        return new EncodedLayer(entries.ToArray(), null);
    }

    private void WriteRaw(byte[] json)
    {
        // Pre-encoded attribute objects (several, comma-separated, for a scope's built-ins); the writer adds
        // the separator in front as for any array element.
        if (json.Length > 0)
        {
            _json.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private void WriteIntAttribute(JsonEncodedText key, long value)
    {
        _json.WriteStartObject();
        _json.WriteString("key"u8, key);
        _json.WriteStartObject("value"u8);
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        _json.WriteString("intValue"u8, digits[..length]);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteUncachedStringAttribute(JsonEncodedText key, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("key"u8, key);
        _json.WriteStartObject("value"u8);
        _json.WriteString("stringValue"u8, JsonText.Clean(value, maxLength));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteCachedStringAttribute(JsonEncodedText key, string? value)
    {
        if (value is null)
        {
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("key"u8, key);
        _json.WriteStartObject("value"u8);
        _json.WriteString("stringValue"u8, EncodedText(value));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary><paramref name="value"/> cleaned and truncated as any string value, encoded once.</summary>
    private JsonEncodedText EncodedText(string value)
    {
        if (!_encodedTexts.TryGetValue(value, out var encoded))
        {
            encoded = JsonEncodedText.Encode(JsonText.Clean(value, _settings.Limits.MaxStringValueLength), WriterOptions.Encoder);
            Cache(_encodedTexts, value, encoded);
        }

        return encoded;
    }

    private JsonEncodedText EncodedName(RecordedSpan span)
    {
        if (!_encodedNames.TryGetValue((span.Provider, span.OperationType), out var encoded))
        {
            encoded = JsonEncodedText.Encode(JsonText.Clean(SpanName(span), _settings.Limits.MaxStringValueLength), WriterOptions.Encoder);
            Cache(_encodedNames, (span.Provider, span.OperationType), encoded);
        }

        return encoded;
    }

    private static void Cache<TKey>(Dictionary<TKey, JsonEncodedText> cache, TKey key, JsonEncodedText encoded)
        where TKey : notnull
    {
        if (cache.Count >= MaxCachedTexts)
        {
            cache.Clear(); // many distinct values (e.g. model ids from user input): stay bounded
        }

        cache[key] = encoded;
    }

    private static void WriteStringAttribute(Utf8JsonWriter json, string key, string? value, int maxString)
    {
        if (value is not null)
        {
            WriteAttribute(json, key, AttributeValue.String(JsonText.Clean(value, maxString)));
        }
    }

    private static void WriteAttribute(Utf8JsonWriter json, string key, in AttributeValue value)
    {
        json.WriteStartObject();
        json.WriteString("key"u8, key);
        json.WritePropertyName("value"u8);
        WriteAnyValue(json, value);
        json.WriteEndObject();
    }

    private static void WriteAnyValue(Utf8JsonWriter json, in AttributeValue value)
    {
        json.WriteStartObject();
        switch (value.Kind)
        {
            case AttributeKind.String:
                json.WriteString("stringValue"u8, value.Text);
                break;
            case AttributeKind.Bool:
                json.WriteBoolean("boolValue"u8, value.Flag);
                break;
            case AttributeKind.Int:
                // OTLP/JSON carries 64-bit integers as decimal strings.
                Span<byte> digits = stackalloc byte[20];
                Utf8Formatter.TryFormat(value.Integer, digits, out var length);
                json.WriteString("intValue"u8, digits[..length]);
                break;
            case AttributeKind.Double:
                WriteDouble(json, value.Number);
                break;
            case AttributeKind.Array:
                json.WriteStartObject("arrayValue"u8);
                json.WriteStartArray("values"u8);
                foreach (var (_, item) in value.Items!)
                {
                    WriteAnyValue(json, item);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case AttributeKind.KeyValueList:
                json.WriteStartObject("kvlistValue"u8);
                json.WriteStartArray("values"u8);
                foreach (var (key, item) in value.Items!)
                {
                    WriteAttribute(json, key!, item);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
        }

        json.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber("doubleValue"u8, value);
        }
        else
        {
            // The protobuf JSON mapping spells non-finite doubles as these strings.
            json.WriteString("doubleValue"u8, double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
    }

    private void WriteNanos(ReadOnlySpan<byte> name, long nanos)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(nanos, digits, out var length);
        _json.WriteString(name, digits[..length]);
    }

    private static void RandomNonZero(Span<byte> bytes)
    {
        do
        {
            Random.Shared.NextBytes(bytes);
        }
        while (bytes.IndexOfAnyExcept((byte)0) < 0);
    }

    private static byte[] EncodeResource(TracenticSettings settings)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("attributes"u8);
        WriteStringAttribute(json, "service.name", settings.ServiceName, AttributeLimits.PlatformMaxStringValueLength);
        WriteStringAttribute(json, "service.version", settings.ServiceVersion, AttributeLimits.PlatformMaxStringValueLength);
        WriteStringAttribute(json, "deployment.environment", settings.Environment, AttributeLimits.PlatformMaxStringValueLength);
        WriteStringAttribute(json, "telemetry.sdk.name", SdkInfo.Name, AttributeLimits.PlatformMaxStringValueLength);
        WriteStringAttribute(json, "telemetry.sdk.language", "dotnet", AttributeLimits.PlatformMaxStringValueLength);
        WriteStringAttribute(json, "telemetry.sdk.version", SdkInfo.Version, AttributeLimits.PlatformMaxStringValueLength);
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] EncodeInstrumentationScope()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteString("name"u8, "Tracentic"u8);
        json.WriteString("version"u8, SdkInfo.Version);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The built-in attribute keys, encoded once.</summary>
    private static class EncodedKeys
    {
        public static readonly JsonEncodedText Provider = Encode(SpanAttributeKeys.Provider);
        public static readonly JsonEncodedText Model = Encode(SpanAttributeKeys.Model);
        public static readonly JsonEncodedText ResponseModel = Encode(SpanAttributeKeys.ResponseModel);
        public static readonly JsonEncodedText FinishReason = Encode(SpanAttributeKeys.FinishReason);
        public static readonly JsonEncodedText ResponseId = Encode(SpanAttributeKeys.ResponseId);
        public static readonly JsonEncodedText InputMessages = Encode(SpanAttributeKeys.InputMessages);
        public static readonly JsonEncodedText OutputMessages = Encode(SpanAttributeKeys.OutputMessages);
        public static readonly JsonEncodedText OperationType = Encode(SpanAttributeKeys.OperationType);
        public static readonly JsonEncodedText InputTokens = Encode(SpanAttributeKeys.InputTokens);
        public static readonly JsonEncodedText OutputTokens = Encode(SpanAttributeKeys.OutputTokens);
        public static readonly JsonEncodedText TotalTokens = Encode(SpanAttributeKeys.TotalTokens);
        public static readonly JsonEncodedText DurationMs = Encode(SpanAttributeKeys.DurationMs);
        public static readonly JsonEncodedText CostUsd = Encode(SpanAttributeKeys.CostUsd);
        public static readonly JsonEncodedText ErrorType = Encode(SpanAttributeKeys.ErrorType);

        private static JsonEncodedText Encode(string key) => JsonEncodedText.Encode(key, WriterOptions.Encoder);
    }

    /// <summary>A layer's attributes already encoded as JSON attribute objects (null: the key is hidden).</summary>
    private sealed record EncodedLayer((string Key, byte[]? Json)[] Entries, byte[]? BuiltIn)
    {
        public static readonly EncodedLayer Empty = new([], null);
    }
}
