using Tracentic.Core;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>The engine's queue as it is: any number of writers, each add with two locked instructions.</summary>
internal readonly struct SharedQueueRing(int capacity) : IHandoffRing
{
    private readonly SpanQueue _queue = new(capacity);

    public long Added => _queue.Added;

    public void Add(in RecordedSpan span) => _queue.Add(span);

    public SlotRead TryRead(long sequence, out RecordedSpan span) => _queue.TryRead(sequence, out span);
}
