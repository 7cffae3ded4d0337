using System.Buffers;
using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export.Wire;

/// <summary>
/// The part of a request body every wire flavour shares: its header, then as many span objects as fit under
/// <see cref="WireLimits.MaxRequestBytes"/> (at least one), then the closing brackets. A span over
/// <see cref="WireLimits.MaxSpanBytes"/> is written again with only the user attributes that fit (highest layers
/// first) and the truncation marker. Not thread-safe.
/// </summary>
internal sealed class RequestBody(byte[] header, WireLimits limits, TracenticLog log)
{
    // "]}]}]}" closes spans, the scopeSpans entry, scopeSpans, the resourceSpans entry, resourceSpans and the body.
    private const int ClosingBytes = 8;

    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly List<int> _attributeEnds = [];

    /// <summary>
    /// Writes one span as a JSON object with its first <paramref name="userAttributes"/> user attributes, and the
    /// truncation marker when <paramref name="truncated"/>; fills <paramref name="attributeEnds"/> with where its user
    /// attributes start and where each ends. The bytes stay valid until the next call.
    /// </summary>
    public delegate ReadOnlySpan<byte> SpanWriter(ResolvedSpan span, int userAttributes, bool truncated, List<int> attributeEnds);

    /// <summary>Writes the first spans of <paramref name="batch"/> that fit; returns how many. The body is valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(IReadOnlyList<ResolvedSpan> batch, SpanWriter writeSpan, out ReadOnlyMemory<byte> body)
    {
        _body.ResetWrittenCount();
        JsonBytes.Raw(_body, header);
        var count = 0;
        while (count < batch.Count)
        {
            var span = WriteBounded(batch[count], writeSpan);
            if (count > 0 && _body.WrittenCount + 1 + span.Length + ClosingBytes > limits.MaxRequestBytes)
            {
                break;
            }

            if (count > 0)
            {
                JsonBytes.Raw(_body, ","u8);
            }

            JsonBytes.Raw(_body, span);
            count++;
        }

        JsonBytes.Raw(_body, "]}]}]}"u8);
        body = _body.WrittenMemory;
        return count;
    }

    /// <summary>One span, trimmed to the span bound (the lowest-priority user attributes go first).</summary>
    private ReadOnlySpan<byte> WriteBounded(ResolvedSpan span, SpanWriter writeSpan)
    {
        _attributeEnds.Clear();
        var json = writeSpan(span, span.Attributes.Count, truncated: false, _attributeEnds);
        if (json.Length <= limits.MaxSpanBytes)
        {
            return json;
        }

        if (log.FirstTime("span-trimmed"))
        {
            log.Logger.SpanTrimmed(span.Name, limits.MaxSpanBytes);
        }

        var keep = AttributesThatFit(json.Length);
        _attributeEnds.Clear();
        return writeSpan(span, keep, truncated: true, _attributeEnds);
    }

    /// <summary>
    /// How many user attributes (highest layers first) a span over <see cref="WireLimits.MaxSpanBytes"/> keeps, leaving
    /// room for what follows them and the truncation marker.
    /// </summary>
    private int AttributesThatFit(int spanLength)
    {
        var available = limits.MaxSpanBytes - (spanLength - _attributeEnds[^1]) - 64;
        var keep = 0;
        while (keep < _attributeEnds.Count - 1 && _attributeEnds[keep + 1] <= available)
        {
            keep++;
        }

        return keep;
    }
}
