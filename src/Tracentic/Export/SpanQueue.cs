using System.Numerics;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// The one queue between recording and every output: a bounded ring that recording threads add to without a lock,
/// in the manner of OpenTelemetry's <c>CircularBuffer</c>. Every span gets a sequence number; each output reads the
/// ring at its own pace (<see cref="OutputProgress"/>), so a span is queued once however many outputs there are.
/// <para>
/// An add never waits and never fails: when an output has fallen <see cref="Capacity"/> spans behind, the newest span
/// takes the place of the oldest one it has not taken (dropped, for that output). Slots are reused only after the
/// ring has wrapped, so a reader checks each slot's stamp to know it still holds the span it looks for; a writer marks
/// the slot as being written first, so a reader never takes a half-written slot for the span before it. Once every
/// output has taken a span, the export thread lets go of it (<see cref="ForgetBefore"/>), so delivered spans are not
/// kept alive by the ring.
/// </para>
/// </summary>
internal sealed class SpanQueue
{
    private readonly RecordedSpan?[] _spans;
    private readonly long[] _stamps; // sequence + 1 of the span in each slot, written after the span; 0 for never
    private readonly int _mask;
    private PaddedCounter _added; // written by every recording thread: alone on its cache line
    private PaddedCounter _dropFrom; // the first sequence whose add pushes out a span the slowest output has not taken
    private long _forgotten; // export thread only: slots before this sequence no longer hold their span

    public SpanQueue(int capacity)
    {
        Capacity = capacity;
        var size = capacity <= 1 ? 1 : (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)capacity), 1u << 30);
        _spans = new RecordedSpan?[Math.Max(size, capacity)];
        _stamps = new long[_spans.Length];
        _mask = BitOperations.IsPow2(_spans.Length) ? _spans.Length - 1 : -1;
        _dropFrom.Value = capacity;
    }

    /// <summary>How many spans an output may have waiting (not taken yet); the ones in flight come on top.</summary>
    public int Capacity { get; }

    /// <summary>Spans ever added; also the sequence number the next span gets.</summary>
    public long Added => Volatile.Read(ref _added.Value);

    /// <summary>Adds a span without waiting; returns its sequence number and whether it pushed out a span some output had not taken.</summary>
    public (long Sequence, bool DroppedOldest) Add(RecordedSpan span)
    {
        var sequence = Interlocked.Increment(ref _added.Value) - 1;
        var slot = Slot(sequence);
        Volatile.Write(ref _stamps[slot], Writing);
        Volatile.Write(ref _spans[slot], span);
        Volatile.Write(ref _stamps[slot], sequence + 1);
        return (sequence, sequence >= Volatile.Read(ref _dropFrom.Value));
    }

    /// <summary>The span with <paramref name="sequence"/>, if it is still in the ring and its add has completed.</summary>
    public SlotRead TryRead(long sequence, out RecordedSpan? span)
    {
        var slot = Slot(sequence);
        var stamp = Volatile.Read(ref _stamps[slot]);
        span = Volatile.Read(ref _spans[slot]);
        if (stamp == sequence + 1 && Volatile.Read(ref _stamps[slot]) == stamp && span is not null)
        {
            return SlotRead.Ready;
        }

        span = null;
        // A slot being written holds this span or a newer one: newer when the ring has come round since.
        return stamp > sequence + 1 || (stamp == Writing && Added > sequence + _spans.Length) ? SlotRead.Overwritten : SlotRead.NotYet;
    }

    /// <summary>Lets go of the spans before <paramref name="sequence"/>, which every output has taken (export thread only).</summary>
    public void ForgetBefore(long sequence)
    {
        _forgotten = Math.Max(_forgotten, sequence - _spans.Length); // older slots hold newer spans by now
        for (; _forgotten < sequence; _forgotten++)
        {
            var slot = Slot(_forgotten);
            var stamp = Volatile.Read(ref _stamps[slot]);
            var span = Volatile.Read(ref _spans[slot]);
            if (stamp == _forgotten + 1 && span is not null && Volatile.Read(ref _stamps[slot]) == stamp)
            {
                Interlocked.CompareExchange(ref _spans[slot], null, span); // unless a newer span took the slot meanwhile
            }
        }
    }

    /// <summary>Tells recording where the slowest output is: adds from <paramref name="cursor"/> + capacity on drop a span.</summary>
    public void SlowestCursorIs(long cursor)
    {
        if (_dropFrom.Value != cursor + Capacity)
        {
            Volatile.Write(ref _dropFrom.Value, cursor + Capacity);
        }
    }

    /// <summary>The stamp of a slot while a span is being written into it.</summary>
    private const long Writing = -1;

    private int Slot(long sequence) => _mask >= 0 ? (int)(sequence & _mask) : (int)(sequence % _spans.Length);
}
