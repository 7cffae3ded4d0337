using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Serializes resolved spans as one OTLP/HTTP JSON request body in the Tracentic ingest flavour (base64 ids, the
/// <c>llm.*</c> and <c>tracentic.scope.*</c> attributes). Only serializes: every value was resolved before. Keeps
/// the wire bounds: a body holds as many spans as fit in <see cref="WireLimits.MaxRequestBytes"/>, and a span larger
/// than <see cref="WireLimits.MaxSpanBytes"/> loses its lowest-priority attributes and is marked
/// <c>tracentic.truncated</c>. Not thread-safe: one instance per output.
/// </summary>
internal sealed class OtlpJsonWriter
{
    public const string TruncatedKey = "tracentic.truncated";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Valid JSON that keeps non-ASCII text readable and compact; the body is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    // "]}]}]}" closes spans, the scopeSpans entry, scopeSpans, the resourceSpans entry, resourceSpans and the body.
    private const int ClosingBytes = 8;

    private readonly TracenticLog _log;
    private readonly WireLimits _limits;
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _span = new(4 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _header;

    public OtlpJsonWriter(TracenticSettings settings, TracenticLog log, WireLimits limits)
    {
        _log = log;
        _limits = limits;
        _json = new Utf8JsonWriter(_span, WriterOptions);
        _header = EncodeHeader(settings);
    }

    /// <summary>
    /// Writes the first spans of <paramref name="batch"/> (at least one, as many as fit) as a request body; returns how
    /// many. The body is valid until the next call.
    /// </summary>
    public int Write(IReadOnlyList<ResolvedSpan> batch, out ReadOnlyMemory<byte> body)
    {
        _body.ResetWrittenCount();
        _body.Write(_header);
        var count = 0;
        while (count < batch.Count)
        {
            var span = WriteSpan(batch[count]);
            var separator = count == 0 ? 0 : 1;
            if (count > 0 && _body.WrittenCount + separator + span.Length + ClosingBytes > _limits.MaxRequestBytes)
            {
                break;
            }

            if (separator == 1)
            {
                _body.Write(","u8);
            }

            _body.Write(span);
            count++;
        }

        _body.Write("]}]}]}"u8);
        body = _body.WrittenMemory;
        return count;
    }

    /// <summary>One span object as JSON, trimmed to the span bound.</summary>
    private ReadOnlySpan<byte> WriteSpan(ResolvedSpan span)
    {
        var attributeEnds = WriteSpan(span, span.Attributes.Length, truncated: false);
        if (_span.WrittenCount <= _limits.MaxSpanBytes)
        {
            return _span.WrittenSpan;
        }

        // Too large: keep the user attributes that fit (highest layers first) with room for what follows them.
        var firstAttributeStart = attributeEnds[0];
        var available = _limits.MaxSpanBytes - (_span.WrittenCount - attributeEnds[^1]) - 64;
        var keep = 0;
        while (keep < span.Attributes.Length && attributeEnds[keep + 1] - firstAttributeStart <= available - firstAttributeStart)
        {
            keep++;
        }

        if (_log.FirstTime("span-trimmed"))
        {
            _log.Logger.SpanTrimmed(span.Name, _limits.MaxSpanBytes);
        }

        WriteSpan(span, keep, truncated: true);
        return _span.WrittenSpan;
    }

    private readonly List<int> _attributeEnds = [];

    /// <summary>Writes the span into the span buffer; returns where its user attributes start and where each ends.</summary>
    private List<int> WriteSpan(ResolvedSpan span, int userAttributes, bool truncated)
    {
        _span.ResetWrittenCount();
        _json.Reset(_span);
        _attributeEnds.Clear();

        Span<byte> id = stackalloc byte[16];
        _json.WriteStartObject();
        BinaryPrimitives.WriteUInt64BigEndian(id, span.TraceIdHigh);
        BinaryPrimitives.WriteUInt64BigEndian(id[8..], span.TraceIdLow);
        _json.WriteBase64String("traceId"u8, id);
        BinaryPrimitives.WriteUInt64BigEndian(id, span.SpanId);
        _json.WriteBase64String("spanId"u8, id[..8]);
        if (span.ParentSpanId != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(id, span.ParentSpanId);
            _json.WriteBase64String("parentSpanId"u8, id[..8]);
        }

        _json.WriteString("name"u8, span.Name);
        _json.WriteNumber("kind"u8, 3);
        WriteDigits("startTimeUnixNano"u8, span.StartUnixNanos);
        WriteDigits("endTimeUnixNano"u8, span.EndUnixNanos);
        _json.WriteStartArray("attributes"u8);
        WriteBuiltIns(span);
        if (truncated)
        {
            WriteAttribute(_json, TruncatedKey, AttributeValue.Bool(true));
        }

        _json.Flush();
        _attributeEnds.Add(_span.WrittenCount);
        for (var i = 0; i < userAttributes; i++)
        {
            WriteAttribute(_json, span.Attributes[i].Key, span.Attributes[i].Value);
            _json.Flush();
            _attributeEnds.Add(_span.WrittenCount);
        }

        _json.WriteEndArray();
        _json.WriteStartObject("status"u8);
        if (span.ErrorType is null)
        {
            _json.WriteNumber("code"u8, 1);
        }
        else
        {
            _json.WriteNumber("code"u8, 2);
            _json.WriteString("message"u8, span.ErrorMessage);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        return _attributeEnds;
    }

    private void WriteBuiltIns(ResolvedSpan span)
    {
        WriteString(SpanAttributeKeys.Provider, span.Provider);
        WriteString(SpanAttributeKeys.Model, span.Model);
        WriteString(SpanAttributeKeys.ResponseModel, span.ResponseModel);
        WriteString(SpanAttributeKeys.FinishReason, span.FinishReason);
        WriteString(SpanAttributeKeys.ResponseId, span.ResponseId);
        WriteString(SpanAttributeKeys.InputMessages, span.InputMessages);
        WriteString(SpanAttributeKeys.OutputMessages, span.OutputMessages);
        WriteString(SpanAttributeKeys.OperationType, span.OperationType);
        WriteInt(SpanAttributeKeys.InputTokens, span.InputTokens);
        WriteInt(SpanAttributeKeys.OutputTokens, span.OutputTokens);
        WriteInt(SpanAttributeKeys.TotalTokens, span.TotalTokens);
        WriteInt(SpanAttributeKeys.DurationMs, span.DurationMs);
        if (span.CostUsd is { } cost)
        {
            WriteAttribute(_json, SpanAttributeKeys.CostUsd, AttributeValue.Double(cost));
        }

        WriteString(SpanAttributeKeys.ErrorType, span.ErrorType);
        if (span.Scope is { } scope)
        {
            WriteString(SpanAttributeKeys.ScopeId, scope.Id);
            WriteString(SpanAttributeKeys.ScopeName, scope.Name);
            WriteString(SpanAttributeKeys.ScopeStartedAt, scope.StartedAt);
            WriteString(SpanAttributeKeys.ScopeParentId, scope.ParentId);
            WriteString(SpanAttributeKeys.ScopeCorrelationId, scope.CorrelationId);
        }
    }

    private void WriteString(string key, string? value)
    {
        if (value is not null)
        {
            WriteAttribute(_json, key, AttributeValue.String(value));
        }
    }

    private void WriteInt(string key, long? value)
    {
        if (value is { } v)
        {
            WriteAttribute(_json, key, AttributeValue.Int(v));
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
                if (double.IsFinite(value.Number))
                {
                    json.WriteNumber("doubleValue"u8, value.Number);
                }
                else
                {
                    // The protobuf JSON mapping spells non-finite doubles as these strings.
                    json.WriteString("doubleValue"u8, double.IsNaN(value.Number) ? "NaN"u8 : value.Number > 0 ? "Infinity"u8 : "-Infinity"u8);
                }

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

    private void WriteDigits(ReadOnlySpan<byte> name, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        _json.WriteString(name, digits[..length]);
    }

    /// <summary>Everything before the first span: the resource, the instrumentation scope, the opening of the spans array.</summary>
    private static byte[] EncodeHeader(TracenticSettings settings)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceSpans"u8);
            json.WriteStartObject();
            json.WriteStartObject("resource"u8);
            json.WriteStartArray("attributes"u8);
            var max = AttributeLimits.PlatformMaxStringValueLength;
            WriteAttribute(json, "service.name", AttributeValue.String(JsonText.Clean(settings.ServiceName, max)));
            if (settings.ServiceVersion is { } version)
            {
                WriteAttribute(json, "service.version", AttributeValue.String(JsonText.Clean(version, max)));
            }

            WriteAttribute(json, "deployment.environment", AttributeValue.String(JsonText.Clean(settings.Environment, max)));
            WriteAttribute(json, "telemetry.sdk.name", AttributeValue.String(SdkInfo.Name));
            WriteAttribute(json, "telemetry.sdk.language", AttributeValue.String("dotnet"));
            WriteAttribute(json, "telemetry.sdk.version", AttributeValue.String(SdkInfo.Version));
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeSpans"u8);
            json.WriteStartObject();
            json.WriteStartObject("scope"u8);
            json.WriteString("name"u8, "Tracentic"u8);
            json.WriteString("version"u8, SdkInfo.Version);
            json.WriteEndObject();
            json.WriteStartArray("spans"u8);
            json.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
