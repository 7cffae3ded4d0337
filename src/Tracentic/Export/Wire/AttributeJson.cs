using System.Buffers;

namespace Tracentic.Export.Wire;

/// <summary>
/// One OTLP <c>KeyValue</c> as JSON: <c>{"key":…,"value":{"stringValue":…}}</c>. Both wire flavours write attributes
/// this way, so an attribute that many spans share (a scope's, a global one) is encoded once and reused.
/// </summary>
internal static class AttributeJson
{
    public static byte[] Encode(string key, in AttributeValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(buffer, key, value);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ArrayBufferWriter<byte> writer, string key, in AttributeValue value)
    {
        WritePrefix(writer, key);
        WriteAnyValue(writer, value);
        JsonBytes.Raw(writer, "}"u8);
    }

    /// <summary>The start of an attribute up to its value: <c>{"key":"llm.provider","value":</c>.</summary>
    public static void WritePrefix(ArrayBufferWriter<byte> writer, string key)
    {
        JsonBytes.Raw(writer, "{\"key\":"u8);
        JsonBytes.Quoted(writer, key);
        JsonBytes.Raw(writer, ",\"value\":"u8);
    }

    public static void WriteAnyValue(ArrayBufferWriter<byte> writer, in AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeKind.String:
                JsonBytes.Raw(writer, "{\"stringValue\":"u8);
                JsonBytes.Quoted(writer, value.Text!);
                break;
            case AttributeKind.Bool:
                JsonBytes.Raw(writer, value.Flag ? "{\"boolValue\":true"u8 : "{\"boolValue\":false"u8);
                break;
            case AttributeKind.Int:
                // OTLP/JSON carries 64-bit integers as decimal strings.
                JsonBytes.Raw(writer, "{\"intValue\":"u8);
                JsonBytes.QuotedDigits(writer, value.Integer);
                break;
            case AttributeKind.Double:
                JsonBytes.Raw(writer, "{\"doubleValue\":"u8);
                JsonBytes.Number(writer, value.Number);
                break;
            case AttributeKind.Array:
                JsonBytes.Raw(writer, "{\"arrayValue\":{\"values\":["u8);
                var first = true;
                foreach (var (_, item) in value.Items!)
                {
                    JsonBytes.Raw(writer, first ? ""u8 : ","u8);
                    first = false;
                    WriteAnyValue(writer, item);
                }

                JsonBytes.Raw(writer, "]}"u8);
                break;
            case AttributeKind.KeyValueList:
                JsonBytes.Raw(writer, "{\"kvlistValue\":{\"values\":["u8);
                first = true;
                foreach (var (key, item) in value.Items!)
                {
                    JsonBytes.Raw(writer, first ? ""u8 : ","u8);
                    first = false;
                    Write(writer, key!, item);
                }

                JsonBytes.Raw(writer, "]}"u8);
                break;
            default:
                JsonBytes.Raw(writer, "{"u8);
                break;
        }

        JsonBytes.Raw(writer, "}"u8);
    }
}
