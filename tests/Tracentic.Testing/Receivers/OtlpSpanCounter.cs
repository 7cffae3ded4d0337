using System.Buffers;

namespace Tracentic.Testing;

/// <summary>
/// Counts the spans of a request body without parsing it, for <see cref="CountingSink"/> (load tests at hundreds of
/// thousands of spans a second, where the receiver must not be what allocates or pauses).
/// </summary>
internal static class OtlpSpanCounter
{
    private static ReadOnlySpan<byte> SpanIdToken => "\"spanId\":"u8;

    /// <summary>
    /// Streams a Tracentic JSON body through a small pooled buffer, counting occurrences of <c>"spanId":</c> (one per
    /// span; the writer never puts that text inside a string unescaped). Returns the spans and the body's length.
    /// </summary>
    public static async Task<(int Spans, long Bytes)> CountJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long length = 0;
            var count = 0;
            var carry = 0; // bytes kept from the previous read, so a token split across reads is still found
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(carry), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                (var found, carry) = Scan(buffer, carry + read);
                count += found;
            }

            return (count, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts the tokens in <c>buffer[..filled]</c> and moves the unscanned tail to the front.</summary>
    private static (int Found, int Carry) Scan(byte[] buffer, int filled)
    {
        var window = buffer.AsSpan(0, filled);
        var count = 0;
        var consumed = 0;
        for (var i = window.IndexOf(SpanIdToken); i >= 0; i = window[consumed..].IndexOf(SpanIdToken))
        {
            count++;
            consumed += i + SpanIdToken.Length;
        }

        var carry = Math.Min(SpanIdToken.Length - 1, window.Length - consumed);
        window[^carry..].CopyTo(buffer);
        return (count, carry);
    }

    /// <summary>
    /// Counts the spans of an OTLP <c>ExportTraceServiceRequest</c> in protobuf without a protobuf library:
    /// <c>resource_spans = 1</c>, <c>ResourceSpans.scope_spans = 2</c>, <c>ScopeSpans.spans = 2</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The body is not a protobuf message of that shape.</exception>
    public static int CountProtobuf(ReadOnlySpan<byte> request)
    {
        var count = 0;
        var resources = new FieldReader(request, 1);
        while (resources.Next(out var resourceSpans))
        {
            var scopes = new FieldReader(resourceSpans, 2);
            while (scopes.Next(out var scopeSpans))
            {
                var spans = new FieldReader(scopeSpans, 2);
                while (spans.Next(out _))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Walks the length-delimited fields numbered <c>number</c> of a protobuf message, skipping the others.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> message, int number)
    {
        private readonly ReadOnlySpan<byte> _message = message;
        private int _at;

        public bool Next(out ReadOnlySpan<byte> field)
        {
            while (_at < _message.Length)
            {
                var key = Varint();
                var wire = (int)(key & 7);
                switch (wire)
                {
                    case 0:
                        Varint();
                        break;
                    case 1:
                        _at += 8;
                        break;
                    case 5:
                        _at += 4;
                        break;
                    case 2:
                        var length = (int)Varint();
                        if (length < 0 || _at + length > _message.Length)
                        {
                            throw new InvalidDataException("a protobuf field runs past the end of its message");
                        }

                        var start = _at;
                        _at += length;
                        if ((int)(key >> 3) == number)
                        {
                            field = _message.Slice(start, length);
                            return true;
                        }

                        break;
                    default:
                        throw new InvalidDataException($"unexpected protobuf wire type {wire}");
                }
            }

            field = default;
            return false;
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_at >= _message.Length)
                {
                    break;
                }

                var b = _message[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("a protobuf varint is cut off");
        }
    }
}
