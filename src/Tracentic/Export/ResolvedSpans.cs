namespace Tracentic.Export;

/// <summary>
/// Resolves each queued span once for all outputs: the first output to take a span resolves it, the others find the
/// result by its sequence number, kept per queue slot until every output that takes such a span has taken it (so
/// resolved spans die young). A span coming back from a failed batch carries its resolved form with it. Export thread only.
/// </summary>
internal sealed class ResolvedSpans
{
    private readonly SpanResolver _resolver;
    private readonly ResolvedSpan?[] _bySlot;
    private readonly long[] _sequences;
    private readonly int[] _awaited; // outputs yet to take the span in each slot
    private readonly int _spanTakers;
    private readonly int _scopeTakers;

    /// <param name="resolver">The resolver (used by the export thread only).</param>
    /// <param name="slots">The queue's capacity; 0 when there is one output (nobody else will ask).</param>
    /// <param name="spanTakers">How many outputs take LLM spans.</param>
    /// <param name="scopeTakers">How many outputs take scope spans.</param>
    public ResolvedSpans(SpanResolver resolver, int slots, int spanTakers, int scopeTakers)
    {
        _resolver = resolver;
        _bySlot = new ResolvedSpan?[slots];
        _sequences = new long[slots];
        _awaited = new int[slots];
        _spanTakers = spanTakers;
        _scopeTakers = scopeTakers;
    }

    public ResolvedSpan Get(QueuedSpan queued)
    {
        if (queued.Resolved is { } known)
        {
            return known;
        }

        if (_bySlot.Length == 0)
        {
            return _resolver.Resolve(queued.Span);
        }

        var slot = (int)(queued.Sequence % _bySlot.Length);
        if (_bySlot[slot] is { } cached && _sequences[slot] == queued.Sequence)
        {
            if (--_awaited[slot] == 0)
            {
                _bySlot[slot] = null; // every output has it now
            }

            return cached;
        }

        var resolved = _resolver.Resolve(queued.Span);
        var others = (queued.Span.IsScope ? _scopeTakers : _spanTakers) - 1;
        _bySlot[slot] = others > 0 ? resolved : null;
        _sequences[slot] = queued.Sequence;
        _awaited[slot] = others;
        return resolved;
    }
}
