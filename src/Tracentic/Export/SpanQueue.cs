using System.Numerics;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// The one queue between recording and every output: a bounded ring that recording threads add to without a lock,
/// in the manner of OpenTelemetry's <c>CircularBuffer</c>. Every span gets a sequence number; each output reads the
/// ring at its own pace (<see cref="OutputProgress"/>), so a span is queued once however many outputs there are.
/// <para>
/// An add never waits on the export and never fails: when an output has fallen <see cref="Capacity"/> spans behind,
/// the newest span takes the place of the oldest one it has not taken (dropped, for that output). Spans are stored by
/// value, so recording allocates nothing and a collection has no queued span to promote, however full the queue is
/// (an outage keeps it full). A slot's stamp says which span it holds: a writer claims the slot (marking it as being
/// written), copies the span in and stamps it; a reader copies the span out and keeps the copy only if the stamp is
/// the same afterwards, so it never takes a half-written or overwritten slot for the span it looks for. Once every
/// output has taken a span, the export thread clears its slot (<see cref="ForgetBefore"/>), so what delivered spans
/// reference is not kept alive by the ring.
/// </para>
/// </summary>
internal sealed class SpanQueue
{
    private readonly RecordedSpan[] _spans;
    private readonly long[] _stamps; // sequence + 1 of the span in each slot, written after the span; 0 for never
    private readonly int _mask;
    private PaddedCounter _added; // written by every recording thread: alone on its cache line
    private PaddedCounter _dropFrom; // the first sequence whose add pushes out a span the slowest output has not taken
    private long _forgotten; // export thread only: slots before this sequence are cleared or left to be overwritten

    public SpanQueue(int capacity)
    {
        Capacity = capacity;
        var size = capacity <= 1 ? 1 : (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)capacity), 1u << 30);
        _spans = new RecordedSpan[Math.Max(size, capacity)];
        _stamps = new long[_spans.Length];
        _mask = BitOperations.IsPow2(_spans.Length) ? _spans.Length - 1 : -1;
        _dropFrom.Value = capacity;
    }

    /// <summary>How many spans an output may have waiting (not taken yet); the ones in flight come on top.</summary>
    public int Capacity { get; }

    /// <summary>Spans ever added; also the sequence number the next span gets.</summary>
    public long Added => Volatile.Read(ref _added.Value);

    /// <summary>Adds a span without waiting; returns its sequence number and whether it pushed out a span some output had not taken.</summary>
    public (long Sequence, bool DroppedOldest) Add(in RecordedSpan span)
    {
        var sequence = Interlocked.Increment(ref _added.Value) - 1;
        var slot = Slot(sequence);
        if (Claim(slot, sequence))
        {
            _spans[slot] = span;
            Volatile.Write(ref _stamps[slot], sequence + 1); // publishes the copy: the writes above cannot move after it
        }

        return (sequence, sequence >= Volatile.Read(ref _dropFrom.Value));
    }

    /// <summary>The span with <paramref name="sequence"/>, if it is still in the ring and its add has completed.</summary>
    public SlotRead TryRead(long sequence, out RecordedSpan span)
    {
        var slot = Slot(sequence);
        var stamp = Volatile.Read(ref _stamps[slot]);
        if (stamp == sequence + 1)
        {
            span = _spans[slot];
            Interlocked.MemoryBarrier(); // the copy is complete before the stamp is read again
            if (Volatile.Read(ref _stamps[slot]) == stamp)
            {
                return SlotRead.Ready;
            }

            stamp = Volatile.Read(ref _stamps[slot]);
        }

        span = default;
        // A slot being written holds this span or a newer one: newer when the ring has come round since.
        return stamp > sequence + 1 || stamp == Cleared || (stamp == Writing && Added > sequence + _spans.Length) ? SlotRead.Overwritten : SlotRead.NotYet;
    }

    /// <summary>Clears the slots of the spans before <paramref name="sequence"/>, which every output has taken (export thread only).</summary>
    public void ForgetBefore(long sequence)
    {
        // Slots recording will reach within half a ring are left to be overwritten: clearing one would make the add
        // that comes round to it wait for the clear, and a full queue (an outage) keeps recording just behind.
        _forgotten = Math.Max(_forgotten, Added - _spans.Length / 2);
        for (; _forgotten < sequence; _forgotten++)
        {
            var slot = Slot(_forgotten);
            var stamp = _forgotten + 1;
            if (Volatile.Read(ref _stamps[slot]) == stamp && Interlocked.CompareExchange(ref _stamps[slot], Writing, stamp) == stamp)
            {
                _spans[slot] = default; // unless a newer span took the slot meanwhile (then the exchange failed)
                Volatile.Write(ref _stamps[slot], Cleared);
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

    /// <summary>The stamp of a slot while a span is being written into it (or cleared).</summary>
    private const long Writing = -1;

    /// <summary>The stamp of a slot whose span every output has taken and the export thread cleared.</summary>
    private const long Cleared = -2;

    /// <summary>
    /// Marks the slot as being written for <paramref name="sequence"/>, waiting out a writer a whole ring ahead or the
    /// export thread clearing it (a few instructions either way). False when a newer span already holds the slot: this
    /// one was pushed out before it was written, and the outputs count it as dropped.
    /// </summary>
    private bool Claim(int slot, long sequence)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var stamp = Volatile.Read(ref _stamps[slot]);
            if (stamp > sequence + 1)
            {
                return false;
            }

            if (stamp != Writing && Interlocked.CompareExchange(ref _stamps[slot], Writing, stamp) == stamp)
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private int Slot(long sequence) => _mask >= 0 ? (int)(sequence & _mask) : (int)(sequence % _spans.Length);
}
