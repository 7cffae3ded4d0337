using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tracentic.Export.Wire;

/// <summary>
/// The few JSON pieces the writers need, written straight as UTF-8. Faster than <see cref="Utf8JsonWriter"/> for
/// this shape of output (mostly fixed structure around short ASCII strings) and byte-for-byte the same text: strings
/// that need escaping go through the same encoder the writers used before.
/// </summary>
internal static class JsonBytes
{
    /// <summary>Escapes like the body's encoder: relaxed (non-ASCII kept readable), never embedded in HTML.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // Printable ASCII that JSON strings carry unescaped with the relaxed encoder.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Bytes as they are (to the buffer's own type, so the calls are direct, not through the interface).</summary>
    public static void Raw(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    /// <summary>A JSON string: quoted and escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quoted(ArrayBufferWriter<byte> writer, string text)
    {
        if (text.AsSpan().ContainsAnyExcept(Plain))
        {
            Raw(writer, "\""u8);
            Raw(writer, JsonEncodedText.Encode(text, Encoder).EncodedUtf8Bytes);
            Raw(writer, "\""u8);
            return;
        }

        var span = writer.GetSpan(text.Length + 2);
        span[0] = (byte)'"';
        var length = Encoding.ASCII.GetBytes(text, span[1..]);
        span[length + 1] = (byte)'"';
        writer.Advance(length + 2);
    }

    /// <summary>A 64-bit integer as a quoted decimal string, as the protobuf JSON mapping carries it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void QuotedDigits(ArrayBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(22);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[1..], out var length);
        span[length + 1] = (byte)'"';
        writer.Advance(length + 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Digits(ArrayBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var length);
        writer.Advance(length);
    }

    /// <summary>A double: the shortest text that round-trips; the protobuf JSON names for non-finite values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Number(ArrayBufferWriter<byte> writer, double value)
    {
        if (!double.IsFinite(value))
        {
            Raw(writer, double.IsNaN(value) ? "\"NaN\""u8 : value > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8);
            return;
        }

        var span = writer.GetSpan(32);
        value.TryFormat(span, out var length, default, CultureInfo.InvariantCulture);
        writer.Advance(length);
    }

    /// <summary>Bytes as a quoted base64 string (OTLP/JSON ids in the ingest flavour).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void QuotedBase64(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        var span = writer.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length) + 2);
        span[0] = (byte)'"';
        Base64.EncodeToUtf8(bytes, span[1..], out _, out var length);
        span[length + 1] = (byte)'"';
        writer.Advance(length + 2);
    }

    /// <summary>Bytes as a quoted lowercase hex string (ids in standard OTLP/JSON).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void QuotedHex(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        var span = writer.GetSpan(bytes.Length * 2 + 2);
        span[0] = (byte)'"';
        var digits = "0123456789abcdef"u8;
        for (var i = 0; i < bytes.Length; i++)
        {
            span[1 + 2 * i] = digits[bytes[i] >> 4];
            span[2 + 2 * i] = digits[bytes[i] & 0xF];
        }

        span[bytes.Length * 2 + 1] = (byte)'"';
        writer.Advance(bytes.Length * 2 + 2);
    }
}
