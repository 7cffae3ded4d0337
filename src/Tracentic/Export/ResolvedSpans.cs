namespace Tracentic.Export;

/// <summary>
/// Resolves each queued span once for all outputs: the first output to take a span resolves it, the others find the
/// result by its sequence number (kept per queue slot, so it lives about as long as the span does in the queue).
/// A span coming back from a failed batch carries its resolved form with it. Export thread only.
/// </summary>
internal sealed class ResolvedSpans(SpanResolver resolver, int slots)
{
    private readonly ResolvedSpan?[] _bySlot = new ResolvedSpan?[slots];
    private readonly long[] _sequences = new long[slots];

    public ResolvedSpan Get(QueuedSpan queued)
    {
        if (queued.Resolved is { } known)
        {
            return known;
        }

        if (_bySlot.Length == 0)
        {
            return resolver.Resolve(queued.Span); // one output: nobody else will ask
        }

        var slot = (int)(queued.Sequence % _bySlot.Length);
        if (_bySlot[slot] is { } cached && _sequences[slot] == queued.Sequence)
        {
            return cached;
        }

        var resolved = resolver.Resolve(queued.Span);
        _bySlot[slot] = resolved;
        _sequences[slot] = queued.Sequence;
        return resolved;
    }
}
