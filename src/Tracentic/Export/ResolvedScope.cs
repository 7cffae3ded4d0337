using System.Buffers;
using Tracentic.Core;
using Tracentic.Export.Wire;

namespace Tracentic.Export;

/// <summary>The built-in scope attributes of a span, resolved once per scope and encoded once for all its spans.</summary>
internal sealed record ResolvedScope(string Id, string Name, string StartedAt, string? ParentId, string? CorrelationId)
{
    private byte[]? _json;

    /// <summary>The <c>tracentic.scope.*</c> attributes as comma-separated OTLP <c>KeyValue</c> JSON objects.</summary>
    public ReadOnlySpan<byte> Json => _json ??= Encode(); // a race only encodes it twice

    private byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        AttributeJson.Write(buffer, SpanAttributeKeys.ScopeId, AttributeValue.String(Id));
        Next(buffer, SpanAttributeKeys.ScopeName, Name);
        Next(buffer, SpanAttributeKeys.ScopeStartedAt, StartedAt);
        Next(buffer, SpanAttributeKeys.ScopeParentId, ParentId);
        Next(buffer, SpanAttributeKeys.ScopeCorrelationId, CorrelationId);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Next(ArrayBufferWriter<byte> buffer, string key, string? value)
    {
        if (value is not null)
        {
            JsonBytes.Raw(buffer, ","u8);
            AttributeJson.Write(buffer, key, AttributeValue.String(value));
        }
    }
}
