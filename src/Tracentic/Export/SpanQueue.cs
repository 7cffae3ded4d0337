using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// The bounded queue between recording and one export loop. Every span gets a sequence number; the loop reads a
/// batch without removing it and acknowledges it only once the output has settled it, so a failed batch simply
/// stays queued. When full, the oldest span is dropped and counted — the only way a span is ever lost.
/// </summary>
internal sealed class SpanQueue
{
    private readonly object _gate = new();
    private readonly RecordedSpan?[] _items;
    private long _head; // sequence number of the oldest span still queued
    private long _tail; // sequence number the next span gets
    private long _dropped;

    public SpanQueue(int capacity) => _items = new RecordedSpan?[capacity];

    public int Capacity => _items.Length;

    /// <summary>Spans ever added; also the sequence number the next span gets.</summary>
    public long Added => Volatile.Read(ref _tail);

    /// <summary>Spans dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Spans no longer queued (acknowledged or dropped): everything added before this is settled.</summary>
    public long Settled => Volatile.Read(ref _head);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)(_tail - _head);
            }
        }
    }

    /// <summary>Adds a span, dropping the oldest when full; returns how many spans are queued now and whether one was dropped.</summary>
    public (int Count, bool DroppedOldest) Add(RecordedSpan span)
    {
        lock (_gate)
        {
            var dropped = false;
            if (_tail - _head == _items.Length)
            {
                _items[_head % _items.Length] = null;
                Volatile.Write(ref _head, _head + 1);
                _dropped++;
                dropped = true;
            }

            _items[_tail % _items.Length] = span;
            Volatile.Write(ref _tail, _tail + 1);
            return ((int)(_tail - _head), dropped);
        }
    }

    /// <summary>Copies up to <paramref name="max"/> of the oldest spans into <paramref name="batch"/>; returns the sequence number of the first.</summary>
    public long Peek(int max, List<RecordedSpan> batch)
    {
        batch.Clear();
        lock (_gate)
        {
            var end = Math.Min(_tail, _head + max);
            for (var seq = _head; seq < end; seq++)
            {
                batch.Add(_items[seq % _items.Length]!);
            }

            return _head;
        }
    }

    /// <summary>Removes every span numbered below <paramref name="end"/> that is still queued (some may have been dropped meanwhile).</summary>
    public void Acknowledge(long end)
    {
        lock (_gate)
        {
            while (_head < end && _head < _tail)
            {
                _items[_head % _items.Length] = null;
                Volatile.Write(ref _head, _head + 1);
            }
        }
    }
}
