using Tracentic.Core;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>
/// For comparison only: the same slots as <see cref="SpanQueue"/> (spans by value, a stamp each), for one writer, so
/// an add takes its number and marks its slot with plain stores instead of locked instructions. What a ring per
/// recording thread would cost the writer (the engine's queue takes any number of writers). The marks rely on x64
/// keeping stores in order; this is a measurement, not a queue to ship.
/// </summary>
internal sealed class SingleWriterRing(int capacity) : IHandoffRing
{
    private const long Writing = -1;

    private readonly RecordedSpan[] _spans = new RecordedSpan[capacity];
    private readonly long[] _stamps = new long[capacity];
    private long _added;

    public long Added => Volatile.Read(ref _added);

    public void Add(in RecordedSpan span)
    {
        var sequence = _added;
        var slot = (int)(sequence & (_spans.Length - 1));
        _stamps[slot] = Writing;
        _spans[slot] = span;
        Volatile.Write(ref _stamps[slot], sequence + 1);
        Volatile.Write(ref _added, sequence + 1);
    }

    public SlotRead TryRead(long sequence, out RecordedSpan span)
    {
        var slot = (int)(sequence & (_spans.Length - 1));
        if (Volatile.Read(ref _stamps[slot]) == sequence + 1)
        {
            span = _spans[slot];
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _stamps[slot]) == sequence + 1)
            {
                return SlotRead.Ready;
            }
        }

        span = default;
        return SlotRead.Overwritten;
    }
}
