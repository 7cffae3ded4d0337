using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Serializes resolved spans as one OTLP/HTTP JSON request body in the Tracentic ingest flavour (base64 ids, the
/// <c>llm.*</c> and <c>tracentic.scope.*</c> attributes). Only serializes: every value was resolved before. Keeps
/// the wire bounds: a body holds as many spans as fit in <see cref="WireLimits.MaxRequestBytes"/>, and a span larger
/// than <see cref="WireLimits.MaxSpanBytes"/> loses its lowest-priority attributes and is marked
/// <c>tracentic.truncated</c>. What many spans share is encoded once: the resource, each scope's attributes, each
/// shared user attribute, the common built-in values. Not thread-safe: one instance per output.
/// </summary>
internal sealed class OtlpJsonWriter : ISpanBodyWriter
{
    public const string TruncatedKey = "tracentic.truncated";

    // Distinct built-in values (providers, models, names) kept encoded; cleared when exceeded, so it stays bounded.
    private const int MaxEncodedValues = 1024;

    private static readonly byte[] ProviderPrefix = AttributeJson.Prefix(SpanAttributeKeys.Provider);
    private static readonly byte[] ModelPrefix = AttributeJson.Prefix(SpanAttributeKeys.Model);
    private static readonly byte[] ResponseModelPrefix = AttributeJson.Prefix(SpanAttributeKeys.ResponseModel);
    private static readonly byte[] FinishReasonPrefix = AttributeJson.Prefix(SpanAttributeKeys.FinishReason);
    private static readonly byte[] ResponseIdPrefix = AttributeJson.Prefix(SpanAttributeKeys.ResponseId);
    private static readonly byte[] InputMessagesPrefix = AttributeJson.Prefix(SpanAttributeKeys.InputMessages);
    private static readonly byte[] OutputMessagesPrefix = AttributeJson.Prefix(SpanAttributeKeys.OutputMessages);
    private static readonly byte[] SystemInstructionsPrefix = AttributeJson.Prefix(SpanAttributeKeys.SystemInstructions);
    private static readonly byte[] ToolDefinitionsPrefix = AttributeJson.Prefix(SpanAttributeKeys.ToolDefinitions);
    private static readonly byte[] OperationTypePrefix = AttributeJson.Prefix(SpanAttributeKeys.OperationType);
    private static readonly byte[] InputTokensPrefix = AttributeJson.Prefix(SpanAttributeKeys.InputTokens);
    private static readonly byte[] OutputTokensPrefix = AttributeJson.Prefix(SpanAttributeKeys.OutputTokens);
    private static readonly byte[] TotalTokensPrefix = AttributeJson.Prefix(SpanAttributeKeys.TotalTokens);
    private static readonly byte[] CacheReadPrefix = AttributeJson.Prefix(SpanAttributeKeys.CacheReadInputTokens);
    private static readonly byte[] CacheCreationPrefix = AttributeJson.Prefix(SpanAttributeKeys.CacheCreationInputTokens);
    private static readonly byte[] ReasoningPrefix = AttributeJson.Prefix(SpanAttributeKeys.ReasoningOutputTokens);
    private static readonly byte[] DurationMsPrefix = AttributeJson.Prefix(SpanAttributeKeys.DurationMs);
    private static readonly byte[] CostUsdPrefix = AttributeJson.Prefix(SpanAttributeKeys.CostUsd);
    private static readonly byte[] ErrorTypePrefix = AttributeJson.Prefix(SpanAttributeKeys.ErrorType);
    private static readonly byte[] Truncated = AttributeJson.Encode(TruncatedKey, AttributeValue.Bool(true));

    private readonly RequestBody _body;
    private readonly RequestBody.SpanWriter _writeSpan;
    private readonly ArrayBufferWriter<byte> _span = new(4 * 1024);
    private readonly Dictionary<string, byte[]> _encodedValues = new(StringComparer.Ordinal);

    public OtlpJsonWriter(TracenticSettings settings, TracenticLog log, WireLimits limits)
    {
        _body = new RequestBody(EncodeHeader(settings), limits, log);
        _writeSpan = WriteSpan;
    }

    /// <summary>
    /// Writes the first spans of <paramref name="batch"/> (at least one, as many as fit) as a request body; returns how
    /// many. The body is valid until the next call.
    /// </summary>
    public int Write(IReadOnlyList<ResolvedSpan> batch, out ReadOnlyMemory<byte> body) => _body.Write(batch, _writeSpan, out body);

    /// <summary>Writes the span into the span buffer (a <see cref="RequestBody.SpanWriter"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> WriteSpan(ResolvedSpan span, int userAttributes, bool truncated, List<int> attributeEnds)
    {
        var json = _span;
        json.ResetWrittenCount();

        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(id, span.TraceIdHigh);
        BinaryPrimitives.WriteUInt64BigEndian(id[8..], span.TraceIdLow);
        JsonBytes.Raw(json, "{\"traceId\":"u8);
        JsonBytes.QuotedBase64(json, id);
        BinaryPrimitives.WriteUInt64BigEndian(id, span.SpanId);
        JsonBytes.Raw(json, ",\"spanId\":"u8);
        JsonBytes.QuotedBase64(json, id[..8]);
        if (span.ParentSpanId != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(id, span.ParentSpanId);
            JsonBytes.Raw(json, ",\"parentSpanId\":"u8);
            JsonBytes.QuotedBase64(json, id[..8]);
        }

        JsonBytes.Raw(json, ",\"name\":"u8);
        json.Write(Encoded(span.Name));
        JsonBytes.Raw(json, ",\"kind\":3,\"startTimeUnixNano\":"u8);
        JsonBytes.QuotedDigits(json, span.StartUnixNanos);
        JsonBytes.Raw(json, ",\"endTimeUnixNano\":"u8);
        JsonBytes.QuotedDigits(json, span.EndUnixNanos);
        JsonBytes.Raw(json, ",\"attributes\":["u8);
        WriteBuiltIns(span);
        if (truncated)
        {
            JsonBytes.Raw(json, ","u8);
            json.Write(Truncated);
        }

        attributeEnds.Add(json.WrittenCount);
        for (var i = 0; i < userAttributes; i++)
        {
            JsonBytes.Raw(json, ","u8);
            json.Write(span.Attributes[i].Json);
            attributeEnds.Add(json.WrittenCount);
        }

        if (span.ErrorMessage is null)
        {
            JsonBytes.Raw(json, "],\"status\":{\"code\":1}}"u8);
        }
        else
        {
            JsonBytes.Raw(json, "],\"status\":{\"code\":2,\"message\":"u8);
            JsonBytes.Quoted(json, span.ErrorMessage);
            JsonBytes.Raw(json, "}}"u8);
        }

        return _span.WrittenSpan;
    }

    /// <summary>The built-in attributes, comma-separated; the first always exists (the duration).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteBuiltIns(ResolvedSpan span)
    {
        var first = true;
        WriteString(ProviderPrefix, span.Provider, cache: true, ref first);
        WriteString(ModelPrefix, span.Model, cache: true, ref first);
        WriteString(ResponseModelPrefix, span.ResponseModel, cache: true, ref first);
        WriteString(FinishReasonPrefix, span.FinishReason, cache: true, ref first);
        WriteString(ResponseIdPrefix, span.ResponseId, cache: false, ref first);
        WriteString(InputMessagesPrefix, span.InputMessages, cache: false, ref first);
        WriteString(OutputMessagesPrefix, span.OutputMessages, cache: false, ref first);
        WriteString(SystemInstructionsPrefix, span.Details?.SystemInstructions, cache: false, ref first); // captured content, as the messages
        WriteString(ToolDefinitionsPrefix, span.Details?.ToolDefinitions, cache: false, ref first);
        WriteString(OperationTypePrefix, span.OperationType, cache: true, ref first);
        WriteInt(InputTokensPrefix, span.InputTokens, ref first);
        WriteInt(OutputTokensPrefix, span.OutputTokens, ref first);
        WriteInt(TotalTokensPrefix, span.TotalTokens, ref first);
        WriteInt(CacheReadPrefix, span.CacheReadInputTokens, ref first);
        WriteInt(CacheCreationPrefix, span.CacheCreationInputTokens, ref first);
        WriteInt(ReasoningPrefix, span.ReasoningOutputTokens, ref first);
        WriteInt(DurationMsPrefix, span.DurationMs, ref first);
        if (span.CostUsd is { } cost)
        {
            Start(CostUsdPrefix, ref first);
            JsonBytes.Raw(_span, "{\"doubleValue\":"u8);
            JsonBytes.Number(_span, cost);
            JsonBytes.Raw(_span, "}}"u8);
        }

        WriteString(ErrorTypePrefix, span.ErrorType, cache: true, ref first);
        if (span.Scope is { } scope)
        {
            JsonBytes.Raw(_span, first ? ""u8 : ","u8);
            _span.Write(scope.Json);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Start(byte[] prefix, ref bool first)
    {
        if (!first)
        {
            JsonBytes.Raw(_span, ","u8);
        }

        first = false;
        _span.Write(prefix);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteString(byte[] prefix, string? value, bool cache, ref bool first)
    {
        if (value is null)
        {
            return;
        }

        Start(prefix, ref first);
        JsonBytes.Raw(_span, "{\"stringValue\":"u8);
        if (cache)
        {
            _span.Write(Encoded(value));
        }
        else
        {
            JsonBytes.Quoted(_span, value);
        }

        JsonBytes.Raw(_span, "}}"u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteInt(byte[] prefix, long? value, ref bool first)
    {
        if (value is { } v)
        {
            Start(prefix, ref first);
            JsonBytes.Raw(_span, "{\"intValue\":"u8);
            JsonBytes.QuotedDigits(_span, v);
            JsonBytes.Raw(_span, "}}"u8);
        }
    }

    /// <summary>A value many spans repeat (a provider, a model, a span name) as a quoted JSON string, encoded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Encoded(string value)
    {
        if (!_encodedValues.TryGetValue(value, out var encoded))
        {
            if (_encodedValues.Count >= MaxEncodedValues)
            {
                _encodedValues.Clear();
            }

            var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
            JsonBytes.Quoted(buffer, value);
            encoded = buffer.WrittenSpan.ToArray();
            _encodedValues[value] = encoded;
        }

        return encoded;
    }

    /// <summary>Everything before the first span: the resource, the instrumentation scope, the opening of the spans array.</summary>
    private static byte[] EncodeHeader(TracenticSettings settings)
    {
        var json = new ArrayBufferWriter<byte>(512);
        var max = AttributeLimits.PlatformMaxStringValueLength;
        JsonBytes.Raw(json, "{\"resourceSpans\":[{\"resource\":{\"attributes\":["u8);
        AttributeJson.Write(json, "service.name", AttributeValue.String(JsonText.Clean(settings.ServiceName, max)));
        if (settings.ServiceVersion is { } version)
        {
            JsonBytes.Raw(json, ","u8);
            AttributeJson.Write(json, "service.version", AttributeValue.String(JsonText.Clean(version, max)));
        }

        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "deployment.environment", AttributeValue.String(JsonText.Clean(settings.Environment, max)));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.name", AttributeValue.String(SdkInfo.Name));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.language", AttributeValue.String("dotnet"));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.version", AttributeValue.String(SdkInfo.Version));
        JsonBytes.Raw(json, "]},\"scopeSpans\":[{\"scope\":{\"name\":\"Tracentic\",\"version\":"u8);
        JsonBytes.Quoted(json, SdkInfo.Version);
        JsonBytes.Raw(json, "},\"spans\":["u8);
        return json.WrittenSpan.ToArray();
    }
}
