using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Serializes resolved spans as standard OTLP/HTTP JSON (the specification's JSON mapping: hex ids, enum numbers,
/// 64-bit integers as strings) for any OpenTelemetry endpoint. Scopes are INTERNAL spans; LLM calls are CLIENT spans
/// named and tagged by the GenAI semantic conventions (<c>{operation} {model}</c>, <c>gen_ai.*</c>), beside the
/// Tracentic attributes of the ingest wire and the merged user attributes. Keeps the same wire bounds as the
/// ingest writer (<see cref="WireLimits"/>). Only serializes; not thread-safe: one per request in flight.
/// </summary>
internal sealed class OtlpTracesWriter : ISpanBodyWriter
{
    private const int InternalKind = 1;
    private const int ClientKind = 3;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The GenAI keys this writer sets itself: a user attribute of the same name is left out, never written twice.</summary>
    private static readonly HashSet<string> GenAiKeys = new(StringComparer.Ordinal)
    {
        GenAiConventions.OperationName, GenAiConventions.ProviderName, GenAiConventions.RequestModel, GenAiConventions.ResponseModel,
        GenAiConventions.ResponseId, GenAiConventions.FinishReasons, GenAiConventions.InputTokens, GenAiConventions.OutputTokens,
        GenAiConventions.CacheReadInputTokens, GenAiConventions.CacheCreationInputTokens, GenAiConventions.ReasoningOutputTokens,
        GenAiConventions.InputAudioTokens, GenAiConventions.OutputAudioTokens,
        GenAiConventions.ErrorType,
    };

    private readonly RequestBody _body;
    private readonly RequestBody.SpanWriter _writeSpan;
    private readonly ArrayBufferWriter<byte> _span = new(4 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<(string?, string?), (string Operation, string Name)> _names = [];

    public OtlpTracesWriter(TracenticSettings settings, TracenticLog log, WireLimits limits)
    {
        _json = new Utf8JsonWriter(_span, WriterOptions);
        _body = new RequestBody(EncodeHeader(settings), limits, log);
        _writeSpan = WriteSpan;
    }

    /// <summary>Writes the first spans of <paramref name="batch"/> (at least one, as many as fit) as a request body; returns how many.</summary>
    public int Write(IReadOnlyList<ResolvedSpan> batch, out ReadOnlyMemory<byte> body) => _body.Write(batch, _writeSpan, out body);

    /// <summary>Writes the span into the span buffer (a <see cref="RequestBody.SpanWriter"/>).</summary>
    private ReadOnlySpan<byte> WriteSpan(ResolvedSpan span, int userAttributes, bool truncated, List<int> attributeEnds)
    {
        _span.ResetWrittenCount();
        _json.Reset(_span);

        Span<byte> id = stackalloc byte[16];
        Span<char> hex = stackalloc char[32];
        _json.WriteStartObject();
        BinaryPrimitives.WriteUInt64BigEndian(id, span.TraceIdHigh);
        BinaryPrimitives.WriteUInt64BigEndian(id[8..], span.TraceIdLow);
        _json.WriteString("traceId"u8, Hex(id, hex));
        BinaryPrimitives.WriteUInt64BigEndian(id, span.SpanId);
        _json.WriteString("spanId"u8, Hex(id[..8], hex));
        if (span.TreeParentSpanId != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(id, span.TreeParentSpanId);
            _json.WriteString("parentSpanId"u8, Hex(id[..8], hex));
        }

        var (operation, name) = span.IsScope ? (null, span.Name) : Names(span.OperationType, span.Model);
        _json.WriteString("name"u8, name);
        _json.WriteNumber("kind"u8, span.IsScope ? InternalKind : ClientKind);
        WriteDigits("startTimeUnixNano"u8, span.StartUnixNanos);
        WriteDigits("endTimeUnixNano"u8, span.EndUnixNanos);
        _json.WriteStartArray("attributes"u8);
        if (operation is not null)
        {
            WriteGenAi(span, operation);
            WriteTracentic(span);
        }

        if (span.Scope is { } scope)
        {
            _json.WriteRawValue(scope.Json, skipInputValidation: true); // the tracentic.scope.* attributes, encoded once per scope
        }

        if (truncated)
        {
            WriteAttribute(_json, OtlpJsonWriter.TruncatedKey, AttributeValue.Bool(true));
        }

        _json.Flush();
        attributeEnds.Add(_span.WrittenCount);
        var details = span.Details;
        for (var i = 0; i < userAttributes; i++)
        {
            var attribute = span.Attributes[i];
            if (!GenAiKeys.Contains(attribute.Key) && !(details is not null && CallDetailsKeys.Written(details, attribute.Key)))
            {
                _json.WriteRawValue(attribute.Json, skipInputValidation: true); // encoded once per shared attribute
            }

            _json.Flush();
            attributeEnds.Add(_span.WrittenCount);
        }

        _json.WriteEndArray();

        // Success leaves the status unset, as instrumentations do; an error is code 2 with its message.
        _json.WriteStartObject("status"u8);
        if (span.ErrorType is not null)
        {
            _json.WriteNumber("code"u8, 2);
            _json.WriteString("message"u8, span.ErrorMessage);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        return _span.WrittenSpan;
    }

    /// <summary>The GenAI semantic-convention attributes, spelled as Microsoft.Extensions.AI writes them.</summary>
    private void WriteGenAi(ResolvedSpan span, string operation)
    {
        WriteString(GenAiConventions.OperationName, operation);
        WriteString(GenAiConventions.ProviderName, span.Provider);
        WriteString(GenAiConventions.RequestModel, span.Model);
        WriteString(GenAiConventions.ResponseModel, span.ResponseModel);
        WriteString(GenAiConventions.ResponseId, span.ResponseId);
        if (span.FinishReason is { } finish)
        {
            WriteStrings(GenAiConventions.FinishReasons, new ReadOnlySpan<string>(ref finish));
        }

        WriteInt(GenAiConventions.InputTokens, span.InputTokens);
        WriteInt(GenAiConventions.OutputTokens, span.OutputTokens);
        WriteInt(GenAiConventions.CacheReadInputTokens, span.CacheReadInputTokens);
        WriteInt(GenAiConventions.CacheCreationInputTokens, span.CacheCreationInputTokens);
        WriteInt(GenAiConventions.ReasoningOutputTokens, span.ReasoningOutputTokens);
        if (span.TokenDetails is { } tokens)
        {
            WriteInt(GenAiConventions.InputAudioTokens, tokens.InputAudio);
            WriteInt(GenAiConventions.OutputAudioTokens, tokens.OutputAudio);
        }
        WriteString(GenAiConventions.ErrorType, span.ErrorFullType ?? span.ErrorType);
        if (span.Details is { } details)
        {
            WriteDetails(details);
        }
    }

    /// <summary>A string-array attribute (the conventions' <c>string[]</c>).</summary>
    private void WriteStrings(string key, ReadOnlySpan<string> values)
    {
        _json.WriteStartObject();
        _json.WriteString("key"u8, key);
        _json.WriteStartObject("value"u8);
        _json.WriteStartObject("arrayValue"u8);
        _json.WriteStartArray("values"u8);
        foreach (var value in values)
        {
            _json.WriteStartObject();
            _json.WriteString("stringValue"u8, value);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary>The call site by the current <c>code.*</c> names, the request parameters, the stream timing and the captured instructions.</summary>
    private void WriteDetails(RecordedCallDetails details)
    {
        if (details.CodeFunction is { Length: > 0 } function)
        {
            WriteString(GenAiConventions.CodeFunctionName, function);
        }

        if (details.CodeFilePath is { } path)
        {
            WriteString(GenAiConventions.CodeFilePath, path);
            WriteInt(GenAiConventions.CodeLineNumber, details.CodeLine);
        }

        if (details.HasRequestParameters)
        {
            WriteDouble(GenAiConventions.RequestTemperature, details.Temperature);
            WriteInt(GenAiConventions.RequestMaxTokens, details.MaxTokens);
            WriteDouble(GenAiConventions.RequestTopP, details.TopP);
            WriteInt(GenAiConventions.RequestTopK, details.TopK);
            WriteInt(GenAiConventions.RequestSeed, details.Seed);
            if (details.StopSequences is { } stop)
            {
                WriteStrings(GenAiConventions.RequestStopSequences, stop);
            }

            WriteDouble(GenAiConventions.RequestFrequencyPenalty, details.FrequencyPenalty);
            WriteDouble(GenAiConventions.RequestPresencePenalty, details.PresencePenalty);
            WriteInt(GenAiConventions.RequestChoiceCount, details.ChoiceCount);
            WriteInt(GenAiConventions.EmbeddingDimensionCount, details.EmbeddingDimensions);
        }

        WriteString(GenAiConventions.OutputType, details.OutputType);
        WriteString(GenAiConventions.ConversationId, details.ConversationId);
        if (details.Streaming)
        {
            WriteAttribute(_json, GenAiConventions.RequestStream, AttributeValue.Bool(true));
        }

        WriteDouble(GenAiConventions.ResponseTimeToFirstChunk, details.TimeToFirstChunk);
        WriteString(GenAiConventions.SystemInstructions, details.SystemInstructions);
        WriteString(GenAiConventions.ToolDefinitions, details.ToolDefinitions);
    }

    private void WriteDouble(string key, double? value)
    {
        if (value is { } v)
        {
            WriteAttribute(_json, key, AttributeValue.Double(v));
        }
    }

    /// <summary>The <c>llm.*</c> attributes of the ingest wire, so a query written for one flavour reads the other.</summary>
    private void WriteTracentic(ResolvedSpan span)
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
    }

    /// <summary><c>gen_ai.operation.name</c> and the span name <c>{operation} {model}</c>, made once per pair.</summary>
    private (string? Operation, string Name) Names(string? operationType, string? model)
    {
        if (!_names.TryGetValue((operationType, model), out var names))
        {
            if (_names.Count >= 1024)
            {
                _names.Clear(); // many distinct models (e.g. from user input): stay bounded
            }

            var operation = GenAiConventions.Operation(operationType);
            names = (operation, GenAiConventions.SpanName(operation, model));
            _names[(operationType, model)] = names;
        }

        return names;
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

    /// <summary>A built-in value: a string, an integer, a double or a boolean (user values come encoded, see <see cref="ResolvedAttribute.Json"/>).</summary>
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
                Span<byte> digits = stackalloc byte[20]; // OTLP/JSON carries 64-bit integers as decimal strings
                Utf8Formatter.TryFormat(value.Integer, digits, out var length);
                json.WriteString("intValue"u8, digits[..length]);
                break;
            case AttributeKind.Double when double.IsFinite(value.Number):
                json.WriteNumber("doubleValue"u8, value.Number);
                break;
            case AttributeKind.Double:
                json.WriteString("doubleValue"u8, double.IsNaN(value.Number) ? "NaN"u8 : value.Number > 0 ? "Infinity"u8 : "-Infinity"u8);
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

    private static ReadOnlySpan<char> Hex(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string Digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = Digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }

        return destination[..(2 * bytes.Length)];
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
            json.WriteString("name"u8, SdkInfo.ScopeName);
            json.WriteString("version"u8, SdkInfo.Version);
            json.WriteEndObject();
            json.WriteStartArray("spans"u8);
            json.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
