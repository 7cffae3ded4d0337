using System.Runtime.CompilerServices;
using System.Buffers;

namespace Tracentic.Export;

/// <summary>
/// The part of a request body every wire flavour shares: its header, then as many span objects as fit under
/// <see cref="WireLimits.MaxRequestBytes"/> (at least one), then the closing brackets. Not thread-safe.
/// </summary>
internal sealed class RequestBody(byte[] header, WireLimits limits)
{
    // "]}]}]}" closes spans, the scopeSpans entry, scopeSpans, the resourceSpans entry, resourceSpans and the body.
    private const int ClosingBytes = 8;

    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);

    /// <summary>Writes one span as a JSON object; the bytes stay valid until the next call.</summary>
    public delegate ReadOnlySpan<byte> SpanWriter(ResolvedSpan span);

    /// <summary>Writes the first spans of <paramref name="batch"/> that fit; returns how many. The body is valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(IReadOnlyList<ResolvedSpan> batch, SpanWriter writeSpan, out ReadOnlyMemory<byte> body)
    {
        _body.ResetWrittenCount();
        _body.Write(header);
        var count = 0;
        while (count < batch.Count)
        {
            var span = writeSpan(batch[count]);
            if (count > 0 && _body.WrittenCount + 1 + span.Length + ClosingBytes > limits.MaxRequestBytes)
            {
                break;
            }

            if (count > 0)
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

    /// <summary>
    /// How many user attributes (highest layers first) a span over <see cref="WireLimits.MaxSpanBytes"/> keeps:
    /// <paramref name="attributeEnds"/> holds where its user attributes start and where each ends, and room is left
    /// for what follows them and the truncation marker.
    /// </summary>
    public int AttributesThatFit(List<int> attributeEnds, int spanLength)
    {
        var available = limits.MaxSpanBytes - (spanLength - attributeEnds[^1]) - 64;
        var keep = 0;
        while (keep < attributeEnds.Count - 1 && attributeEnds[keep + 1] <= available)
        {
            keep++;
        }

        return keep;
    }
}
