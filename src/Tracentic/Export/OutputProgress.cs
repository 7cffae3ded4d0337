namespace Tracentic.Export;

/// <summary>
/// One output's place in the <see cref="SpanQueue"/>: the spans it has not taken yet (from its cursor on), the batches
/// it has in flight, and the spans of failed batches waiting to be taken again, oldest first. Only the export thread
/// changes it; the counts other threads read (<see cref="Dropped"/>, <see cref="Count"/>, <see cref="Settled"/>) are
/// published after each change.
/// <para>
/// As in OpenTelemetry's batch processor, the capacity bounds the spans waiting; batches in flight come on top. A
/// span is lost only when the output has fallen a whole capacity behind (the queue took its place), or when a failed
/// batch comes back to a full queue: it is older than everything waiting, so its oldest spans give way.
/// </para>
/// </summary>
internal sealed class OutputProgress(SpanQueue queue, bool takesScopes = true)
{
    private readonly List<QueuedSpan> _returned = [];
    private readonly List<(long First, int Count)> _inFlight = [];
    private long _cursor;
    private long _oldestOut = long.MaxValue; // the oldest span returned or in flight
    private int _outCount;
    private long _dropped; // counted so far; spans the queue has already pushed out are added by Dropped

    /// <summary>The next sequence number this output has not taken from the queue.</summary>
    public long Cursor => Volatile.Read(ref _cursor);

    /// <summary>Spans this output lost to overflow, including those the queue pushed out since the output last looked.</summary>
    public long Dropped
    {
        get
        {
            var cursor = Volatile.Read(ref _cursor);
            return Volatile.Read(ref _dropped) + Math.Max(0, queue.Added - queue.Capacity - cursor);
        }
    }

    /// <summary>Spans waiting to be taken: failed ones back from flight, and the queue's from the cursor on.</summary>
    public int WaitingCount => _returned.Count + (int)(queue.Added - Math.Max(Cursor, queue.Added - queue.Capacity));

    /// <summary>Spans waiting or in flight (any thread).</summary>
    public int Count
    {
        get
        {
            var added = queue.Added;
            return Volatile.Read(ref _outCount) + (int)(added - Math.Max(Volatile.Read(ref _cursor), added - queue.Capacity));
        }
    }

    /// <summary>Everything added before this sequence number is settled for this output: delivered, refused or dropped (any thread).</summary>
    public long Settled
    {
        get
        {
            var added = queue.Added;
            var cursor = Volatile.Read(ref _cursor); // read before the oldest out: a take publishes that first
            return Math.Min(Volatile.Read(ref _oldestOut), Math.Max(cursor, added - queue.Capacity));
        }
    }

    /// <summary>The queue length (<see cref="SpanQueue.Added"/>) at which <paramref name="waiting"/> spans wait.</summary>
    public long WakeAt(int waiting) => Math.Max(_cursor, queue.Added - queue.Capacity) - _returned.Count + waiting;

    /// <summary>
    /// Moves up to <paramref name="max"/> of the oldest waiting spans into <paramref name="batch"/>, in sequence order: first
    /// those back from a failed batch, then the queue's. Stops early at a span whose add has not completed yet.
    /// </summary>
    public void Take(int max, List<QueuedSpan> batch)
    {
        batch.Clear();
        SkipPushedOut();
        var again = Math.Min(max, _returned.Count);
        if (again > 0)
        {
            batch.AddRange(_returned.GetRange(0, again));
            _returned.RemoveRange(0, again);
        }

        var cursor = _cursor;
        var added = queue.Added; // read once: recording writes the count on every add, and each read would pull it away
        while (batch.Count < max && cursor < added)
        {
            var read = queue.TryRead(cursor, out var span);
            if (read == SlotRead.NotYet)
            {
                break;
            }

            if (read == SlotRead.Overwritten)
            {
                // Pushed out by newer spans: past everything the queue no longer holds, or at least past this one.
                Volatile.Write(ref _cursor, cursor);
                SkipPushedOut();
                if (_cursor == cursor)
                {
                    Volatile.Write(ref _dropped, _dropped + 1);
                    Volatile.Write(ref _cursor, cursor + 1);
                }

                cursor = _cursor;
                continue;
            }

            if (takesScopes || !span.IsScope)
            {
                batch.Add(new QueuedSpan(cursor, span));
            }

            cursor++;
        }

        if (batch.Count > 0)
        {
            _inFlight.Add((batch[0].Sequence, batch.Count));
        }

        Publish();
        Volatile.Write(ref _cursor, cursor);
    }

    /// <summary>
    /// Ends a batch's flight: its first <paramref name="count"/> spans are settled, the rest wait again, in sequence
    /// order. Returns how many spans that dropped (a full queue drops its oldest).
    /// </summary>
    public int Settle(List<QueuedSpan> batch, int count)
    {
        if (batch.Count > 0)
        {
            _inFlight.Remove((batch[0].Sequence, batch.Count));
        }

        if (count < batch.Count)
        {
            var sorted = _returned.Count == 0 || _returned[^1].Sequence < batch[count].Sequence;
            _returned.AddRange(batch.Skip(count));
            if (!sorted)
            {
                _returned.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            }
        }

        SkipPushedOut();
        var dropped = Math.Max(0, WaitingCount - queue.Capacity);
        dropped = Math.Min(dropped, _returned.Count);
        _returned.RemoveRange(0, dropped);
        Volatile.Write(ref _dropped, _dropped + dropped);
        Publish();
        return dropped;
    }

    /// <summary>Puts a whole batch back to wait (its attempt failed); returns how many spans that dropped.</summary>
    public int Release(List<QueuedSpan> batch) => Settle(batch, 0);

    /// <summary>Moves the cursor past the spans the queue has pushed out, counting them.</summary>
    private void SkipPushedOut()
    {
        var oldestKept = queue.Added - queue.Capacity;
        if (_cursor < oldestKept)
        {
            Volatile.Write(ref _dropped, _dropped + (oldestKept - _cursor));
            Volatile.Write(ref _cursor, oldestKept);
        }
    }

    private void Publish()
    {
        var oldest = _returned.Count > 0 ? _returned[0].Sequence : long.MaxValue;
        var count = _returned.Count;
        foreach (var (first, inFlight) in _inFlight)
        {
            oldest = Math.Min(oldest, first);
            count += inFlight;
        }

        Volatile.Write(ref _oldestOut, oldest);
        Volatile.Write(ref _outCount, count);
    }
}
