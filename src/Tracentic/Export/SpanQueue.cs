using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// The bounded queue between recording and one export loop. Every span gets a sequence number. The loop takes the
/// oldest waiting spans into a batch (they are then in flight) and, once the output has answered, either settles
/// them (delivered, or refused for their content) or puts them back, in order, to wait for the next attempt.
/// <para>
/// The capacity bounds the spans waiting, as in OpenTelemetry's batch processor; batches in flight come on top. When
/// a span arrives and the waiting spans fill the capacity, the oldest waiting span is dropped and counted; a failed
/// batch that comes back to a full queue is older than everything waiting, so its oldest spans give way. That is the
/// only way a span is ever lost.
/// </para>
/// </summary>
internal sealed class SpanQueue
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly RecordedSpan?[] _spans; // waiting spans in sequence order, a ring from _first
    private readonly long[] _sequence;
    private readonly List<(long First, int Count)> _inFlight = []; // each batch out: its oldest span
    private int _first;
    private int _waiting;
    private long _added;
    private long _dropped;

    /// <param name="capacity">Spans that may wait.</param>
    /// <param name="inFlightRoom">Spans that may be in flight at once (they may all come back).</param>
    public SpanQueue(int capacity, int inFlightRoom)
    {
        _capacity = capacity;
        _spans = new RecordedSpan?[capacity + inFlightRoom];
        _sequence = new long[capacity + inFlightRoom];
    }

    /// <summary>How many spans may wait; the ones in flight are not counted.</summary>
    public int Capacity => _capacity;

    /// <summary>Spans ever added; also the sequence number the next span gets.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Spans dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Spans waiting or in flight.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting + _inFlight.Sum(batch => batch.Count);
            }
        }
    }

    /// <summary>Spans waiting to be taken into a batch.</summary>
    public int WaitingCount => Volatile.Read(ref _waiting);

    /// <summary>Everything added before this sequence number is settled (delivered, refused or dropped).</summary>
    public long Settled
    {
        get
        {
            lock (_gate)
            {
                var oldest = _waiting > 0 ? _sequence[_first] : _added;
                foreach (var (first, _) in _inFlight)
                {
                    oldest = Math.Min(oldest, first);
                }

                return oldest;
            }
        }
    }

    /// <summary>Adds a span, dropping the oldest waiting one when full; returns how many spans wait now and whether one was dropped.</summary>
    public (int Waiting, bool DroppedOldest) Add(RecordedSpan span)
    {
        lock (_gate)
        {
            var dropped = _waiting == _capacity;
            if (dropped)
            {
                DropOldest();
            }

            var slot = Slot(_waiting);
            _spans[slot] = span;
            _sequence[slot] = _added;
            Volatile.Write(ref _waiting, _waiting + 1);
            Interlocked.Increment(ref _added);
            return (_waiting, dropped);
        }
    }

    /// <summary>Moves up to <paramref name="max"/> of the oldest waiting spans into <paramref name="batch"/> (their sequence numbers into <paramref name="sequence"/>).</summary>
    public void Take(int max, List<RecordedSpan> batch, List<long> sequence)
    {
        batch.Clear();
        sequence.Clear();
        lock (_gate)
        {
            var count = Math.Min(max, _waiting);
            for (var i = 0; i < count; i++)
            {
                var slot = Slot(i);
                batch.Add(_spans[slot]!);
                sequence.Add(_sequence[slot]);
                _spans[slot] = null;
            }

            if (count > 0)
            {
                _first = Slot(count);
                Volatile.Write(ref _waiting, _waiting - count);
                _inFlight.Add((sequence[0], count));
            }
        }
    }

    /// <summary>
    /// Ends a batch's flight: its first <paramref name="count"/> spans are settled, the rest go back to wait, in
    /// sequence order. Returns how many spans that dropped (a full queue drops its oldest).
    /// </summary>
    public int Settle(List<RecordedSpan> batch, List<long> sequence, int count)
    {
        lock (_gate)
        {
            if (sequence.Count > 0)
            {
                _inFlight.Remove((sequence[0], sequence.Count));
            }

            for (var i = sequence.Count - 1; i >= count; i--)
            {
                Requeue(batch[i], sequence[i]);
            }

            var dropped = 0;
            for (; _waiting > _capacity; dropped++)
            {
                DropOldest();
            }

            return dropped;
        }
    }

    /// <summary>Puts a whole batch back to wait (its attempt failed); returns how many spans that dropped.</summary>
    public int Release(List<RecordedSpan> batch, List<long> sequence) => Settle(batch, sequence, 0);

    private int Slot(int index) => (_first + index) % _spans.Length;

    private void DropOldest()
    {
        _spans[_first] = null;
        _first = Slot(1);
        Volatile.Write(ref _waiting, _waiting - 1);
        _dropped++;
    }

    /// <summary>Inserts a span that came back where its sequence number belongs (usually the front: it is older).</summary>
    private void Requeue(RecordedSpan span, long sequence)
    {
        var at = 0;
        while (at < _waiting && _sequence[Slot(at)] < sequence)
        {
            at++;
        }

        // Make room at the front, then shift the older ones (rare: another batch came back first) one place down.
        _first = (_first - 1 + _spans.Length) % _spans.Length;
        for (var i = 0; i < at; i++)
        {
            _spans[Slot(i)] = _spans[Slot(i + 1)];
            _sequence[Slot(i)] = _sequence[Slot(i + 1)];
        }

        _spans[Slot(at)] = span;
        _sequence[Slot(at)] = sequence;
        Volatile.Write(ref _waiting, _waiting + 1);
    }
}
