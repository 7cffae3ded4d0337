using System.Buffers;

namespace Tracentic.Export.Wire;

/// <summary>
/// A built-in attribute as one wire flavour writes it: the key it gives a <see cref="SpanValue"/>, encoded once with
/// everything up to the value (<c>,{"key":"llm.provider","value":{"stringValue":</c>) and what closes it.
/// </summary>
internal sealed class WireAttribute
{
    public WireAttribute(string key, SpanValue value)
    {
        Key = key;
        Value = value;
        var buffer = new ArrayBufferWriter<byte>(64);
        JsonBytes.Raw(buffer, ","u8);
        AttributeJson.WritePrefix(buffer, key);
        JsonBytes.Raw(buffer, value.Kind switch
        {
            SpanValueKind.Text => "{\"stringValue\":"u8,
            SpanValueKind.Integer => "{\"intValue\":"u8,
            SpanValueKind.Number => "{\"doubleValue\":"u8,
            SpanValueKind.Flag => "{\"boolValue\":"u8,
            _ => "{\"arrayValue\":{\"values\":["u8,
        });
        Prefix = buffer.WrittenSpan.ToArray();
    }

    public string Key { get; }

    public SpanValue Value { get; }

    /// <summary>A comma, the key and the value's opening: the first attribute of a span is written without the comma.</summary>
    public byte[] Prefix { get; }

    /// <summary>What follows the value: the value's and the attribute's closing braces (and an array's).</summary>
    public ReadOnlySpan<byte> Suffix => Value.Kind is SpanValueKind.TextArray or SpanValueKind.TextAsArray ? "]}}}"u8 : "}}"u8;
}
