using System.Buffers.Binary;
using System.Diagnostics;

namespace Tracentic.Core;

/// <summary>
/// W3C trace id and span id as plain numbers: copying them between scopes and spans allocates nothing
/// (the <see cref="ActivityTraceId"/> struct carries a string), and writers turn them into hex or bytes.
/// </summary>
internal readonly record struct TraceIdentity(ulong TraceHigh, ulong TraceLow, ulong SpanId)
{
    public bool IsEmpty => (TraceHigh | TraceLow) == 0;

    /// <summary>The trace and span of an activity.</summary>
    public static TraceIdentity Of(Activity activity)
    {
        Span<byte> bytes = stackalloc byte[16];
        activity.TraceId.CopyTo(bytes);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        activity.SpanId.CopyTo(bytes[..8]);
        return new TraceIdentity(high, low, BinaryPrimitives.ReadUInt64BigEndian(bytes[..8]));
    }

    /// <summary>A new span in the same trace.</summary>
    public TraceIdentity NewSpan() => this with { SpanId = NewSpanId() };

    /// <summary>A new span in a new trace.</summary>
    public static TraceIdentity NewTrace(ulong high, ulong low) => new(high, low, NewSpanId());

    public static ulong NewSpanId() => RandomIds.NonZero();

    public void WriteTraceId(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, TraceHigh);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], TraceLow);
    }

    public static void WriteSpanId(ulong spanId, Span<byte> destination) =>
        BinaryPrimitives.WriteUInt64BigEndian(destination, spanId);

    /// <summary>32 lowercase hex characters, as in a W3C <c>traceparent</c>.</summary>
    public string TraceIdHex => string.Create(32, this, static (chars, id) =>
    {
        id.TraceHigh.TryFormat(chars, out _, "x16");
        id.TraceLow.TryFormat(chars[16..], out _, "x16");
    });

    /// <summary>As a parent context for a new activity (allocates: only used when something listens).</summary>
    public ActivityContext ToContext(ActivityTraceFlags flags)
    {
        Span<byte> trace = stackalloc byte[16];
        Span<byte> span = stackalloc byte[8];
        WriteTraceId(trace);
        WriteSpanId(SpanId, span);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(trace), ActivitySpanId.CreateFromBytes(span), flags);
    }
}
