using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export.Wire;

/// <summary>
/// Serializes resolved spans as one OTLP/HTTP JSON request body in one wire flavour: the span as
/// <see cref="SpanSchema"/> describes it, with the flavour's differences (<see cref="WireFlavour"/>) as data. Only
/// serializes: every value was resolved before. Keeps the wire bounds through <see cref="RequestBody"/>: a body holds
/// as many spans as fit in <see cref="WireLimits.MaxRequestBytes"/>, and a span larger than
/// <see cref="WireLimits.MaxSpanBytes"/> loses its lowest-priority attributes and is marked <c>tracentic.truncated</c>.
/// Writes UTF-8 directly (<see cref="JsonBytes"/>) rather than through <c>Utf8JsonWriter</c>, and encodes once what
/// many spans share: the header, each key with its value's opening, each scope's attributes, each shared user
/// attribute, the values many spans repeat. Not thread-safe: one instance per request in flight.
/// </summary>
internal sealed class OtlpJsonWriter : ISpanBodyWriter
{
    public const string TruncatedKey = "tracentic.truncated";

    // Distinct repeated values (providers, models, names) kept encoded; cleared when exceeded, so it stays bounded.
    private const int MaxEncodedValues = 1024;

    /// <summary>The truncation marker after a comma.</summary>
    private static readonly byte[] Truncated = [(byte)',', .. AttributeJson.Encode(TruncatedKey, AttributeValue.Bool(true))];

    private readonly WireFlavour _flavour;
    private readonly WireAttribute[] _attributes;
    private readonly byte[] _llmCallKind;
    private readonly byte[] _scopeKind;
    private readonly byte[] _success;
    private readonly RequestBody _body;
    private readonly RequestBody.SpanWriter _writeSpan;
    private readonly ArrayBufferWriter<byte> _span = new(4 * 1024);
    private readonly Dictionary<string, byte[]> _encodedValues = new(StringComparer.Ordinal);
    private readonly Dictionary<(string?, string?), byte[]> _genAiNames = [];
    private readonly RecentPairs<byte[]> _recentValues = new(); // looked up by identity before _encodedValues
    private readonly RecentPairs<byte[]> _recentGenAiNames = new();

    public OtlpJsonWriter(TracenticSettings settings, TracenticLog log, WireLimits limits, WireFlavour flavour)
    {
        _flavour = flavour;
        _attributes = flavour.Attributes;
        _llmCallKind = KindThroughStart(flavour.LlmCallKind);
        _scopeKind = KindThroughStart(flavour.ScopeKind);
        _success = flavour.SuccessCode ? "],\"status\":{\"code\":1}}"u8.ToArray() : "],\"status\":{}}"u8.ToArray();
        _body = new RequestBody(ResourceHeader.Encode(settings), limits, log);
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
        var scopeSpan = span.IsScope && _flavour.ScopeSpans;

        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(id, span.TraceIdHigh);
        BinaryPrimitives.WriteUInt64BigEndian(id[8..], span.TraceIdLow);
        JsonBytes.Raw(json, "{\"traceId\":"u8);
        WriteId(id);
        BinaryPrimitives.WriteUInt64BigEndian(id, span.SpanId);
        JsonBytes.Raw(json, ",\"spanId\":"u8);
        WriteId(id[..8]);
        var parent = _flavour.TreeParent ? span.TreeParentSpanId : span.ParentSpanId;
        if (parent != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(id, parent);
            JsonBytes.Raw(json, ",\"parentSpanId\":"u8);
            WriteId(id[..8]);
        }

        JsonBytes.Raw(json, ",\"name\":"u8);
        if (scopeSpan)
        {
            JsonBytes.Quoted(json, span.Name); // a scope's name, which need not repeat
        }
        else
        {
            JsonBytes.Raw(json, _flavour.GenAiSpanNames ? GenAiName(span) : Encoded(span.Name));
        }

        JsonBytes.Raw(json, scopeSpan ? _scopeKind : _llmCallKind);
        JsonBytes.QuotedDigits(json, span.StartUnixNanos);
        JsonBytes.Raw(json, ",\"endTimeUnixNano\":"u8);
        JsonBytes.QuotedDigits(json, span.EndUnixNanos);
        JsonBytes.Raw(json, ",\"attributes\":["u8);

        // Each attribute after the first starts with a comma: "written" says whether one was.
        var written = !scopeSpan && WriteBuiltIns(span);
        if (span.Scope is { } scope)
        {
            JsonBytes.Raw(json, written ? ","u8 : ""u8);
            JsonBytes.Raw(json, scope.Json);
            written = true;
        }

        if (truncated)
        {
            JsonBytes.Raw(json, written ? Truncated : Truncated.AsSpan(1));
            written = true;
        }

        attributeEnds.Add(json.WrittenCount);
        var replaces = _flavour.ReplacesGenAiUserAttributes;
        for (var i = 0; i < userAttributes; i++)
        {
            var attribute = span.Attributes[i];
            if (!replaces || !_flavour.Replaces(span, attribute.Key))
            {
                JsonBytes.Raw(json, written ? ","u8 : ""u8);
                JsonBytes.Raw(json, attribute.Json);
                written = true;
            }

            attributeEnds.Add(json.WrittenCount);
        }

        if (span.ErrorMessage is { } message)
        {
            JsonBytes.Raw(json, "],\"status\":{\"code\":2,\"message\":"u8);
            JsonBytes.Quoted(json, message);
            JsonBytes.Raw(json, "}}"u8);
        }
        else
        {
            JsonBytes.Raw(json, _success);
        }

        return json.WrittenSpan;
    }

    /// <summary>The flavour's built-in attributes that have a value, comma-separated; returns whether any had.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WriteBuiltIns(ResolvedSpan span)
    {
        var json = _span;
        var written = false;
        foreach (var attribute in _attributes)
        {
            var value = attribute.Value;
            switch (value.Kind)
            {
                case SpanValueKind.Text:
                    if (value.Text!(span) is not { } text)
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    WriteString(text, value.Repeated);
                    break;
                case SpanValueKind.Integer:
                    if (value.Integer!(span) is not { } integer)
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    JsonBytes.QuotedDigits(json, integer);
                    break;
                case SpanValueKind.Number:
                    if (value.Number!(span) is not { } number)
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    JsonBytes.Number(json, number);
                    break;
                case SpanValueKind.Flag:
                    if (!value.Flag!(span))
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    JsonBytes.Raw(json, "true"u8);
                    break;
                case SpanValueKind.TextAsArray:
                    if (value.Text!(span) is not { } single)
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    JsonBytes.Raw(json, "{\"stringValue\":"u8);
                    WriteString(single, value.Repeated);
                    JsonBytes.Raw(json, "}"u8);
                    break;
                case SpanValueKind.TextArray:
                    if (value.Texts!(span) is not { } texts)
                    {
                        continue;
                    }

                    JsonBytes.Raw(json, attribute.Prefix.AsSpan(written ? 0 : 1));
                    for (var i = 0; i < texts.Length; i++)
                    {
                        JsonBytes.Raw(json, i == 0 ? "{\"stringValue\":"u8 : ",{\"stringValue\":"u8);
                        JsonBytes.Quoted(json, texts[i]);
                        JsonBytes.Raw(json, "}"u8);
                    }

                    break;
            }

            JsonBytes.Raw(json, attribute.Suffix);
            written = true;
        }

        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteString(string text, bool repeated)
    {
        if (repeated)
        {
            JsonBytes.Raw(_span, Encoded(text));
        }
        else
        {
            JsonBytes.Quoted(_span, text);
        }
    }

    private void WriteId(ReadOnlySpan<byte> id)
    {
        if (_flavour.HexIds)
        {
            JsonBytes.QuotedHex(_span, id);
        }
        else
        {
            JsonBytes.QuotedBase64(_span, id);
        }
    }

    /// <summary>A value many spans repeat (a provider, a model, a span name) as a quoted JSON string, encoded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Encoded(string value)
    {
        if (_recentValues.TryGet(value, null, out var encoded))
        {
            return encoded;
        }

        if (!_encodedValues.TryGetValue(value, out encoded))
        {
            if (_encodedValues.Count >= MaxEncodedValues)
            {
                _encodedValues.Clear();
            }

            encoded = Quote(value);
            _encodedValues[value] = encoded;
        }

        _recentValues.Set(value, null, encoded);
        return encoded;
    }

    /// <summary>The conventions' span name <c>{operation} {model}</c>, encoded once per pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] GenAiName(ResolvedSpan span)
    {
        if (_recentGenAiNames.TryGet(span.OperationType, span.Model, out var name))
        {
            return name;
        }

        if (!_genAiNames.TryGetValue((span.OperationType, span.Model), out name))
        {
            if (_genAiNames.Count >= MaxEncodedValues)
            {
                _genAiNames.Clear(); // many distinct models (e.g. from user input): stay bounded
            }

            name = Quote(GenAiConventions.SpanName(GenAiConventions.Operation(span.OperationType), span.Model));
            _genAiNames[(span.OperationType, span.Model)] = name;
        }

        _recentGenAiNames.Set(span.OperationType, span.Model, name);
        return name;
    }

    private static byte[] Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        JsonBytes.Quoted(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>,"kind":N,"startTimeUnixNano":</c>, the fixed text between a span's name and its start.</summary>
    private static byte[] KindThroughStart(int kind)
    {
        var buffer = new ArrayBufferWriter<byte>(48);
        JsonBytes.Raw(buffer, ",\"kind\":"u8);
        JsonBytes.Digits(buffer, kind);
        JsonBytes.Raw(buffer, ",\"startTimeUnixNano\":"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
