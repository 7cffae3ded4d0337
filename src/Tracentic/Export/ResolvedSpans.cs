namespace Tracentic.Export;

/// <summary>
/// Resolves each queued span once for all outputs: the first output to take a span resolves it, the others find the
/// result by its sequence number, kept per queue slot until every output that takes such a span has taken it. A span
/// coming back from a failed batch carries its resolved form with it. Once every output has settled a span (or can no
/// longer take it) its resolved form is reused for a later span: under load the export thread would otherwise make a
/// few hundred bytes of garbage per span, and the collections that cost stop the recording threads too. Export thread only.
/// </summary>
internal sealed class ResolvedSpans
{
    private readonly SpanResolver _resolver;
    private readonly ResolvedSpan?[] _bySlot;
    private readonly long[] _sequences;
    private readonly int[] _awaited; // outputs yet to take the span in each slot
    private readonly int _spanTakers;
    private readonly int _scopeTakers;
    private readonly Stack<ResolvedSpan> _free = new();
    private readonly int _maxFree;

    /// <param name="resolver">The resolver (used by the export thread only).</param>
    /// <param name="slots">The queue's capacity; 0 when there is one output (nobody else will ask).</param>
    /// <param name="spanTakers">How many outputs take LLM spans.</param>
    /// <param name="scopeTakers">How many outputs take scope spans.</param>
    /// <param name="maxFree">How many settled spans are kept for reuse, at most.</param>
    public ResolvedSpans(SpanResolver resolver, int slots, int spanTakers, int scopeTakers, int maxFree)
    {
        _resolver = resolver;
        _bySlot = new ResolvedSpan?[slots];
        _sequences = new long[slots];
        _awaited = new int[slots];
        _spanTakers = spanTakers;
        _scopeTakers = scopeTakers;
        _maxFree = maxFree;
    }

    public ResolvedSpan Get(QueuedSpan queued)
    {
        if (queued.Resolved is { } known)
        {
            return known;
        }

        var takers = queued.Span.IsScope ? _scopeTakers : _spanTakers;
        if (_bySlot.Length == 0)
        {
            return Resolve(queued, takers);
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

        if (_bySlot[slot] is { } passedOver)
        {
            // The queue holds a newer span in this slot: the outputs that had not taken this one never will.
            Release(passedOver, _awaited[slot]);
        }

        var resolved = Resolve(queued, takers);
        _bySlot[slot] = takers > 1 ? resolved : null;
        _sequences[slot] = queued.Sequence;
        _awaited[slot] = takers - 1;
        return resolved;
    }

    /// <summary>An output settled <paramref name="span"/> (delivered or refused it for good): it will not write it again.</summary>
    public void Settled(ResolvedSpan span) => Release(span, 1);

    private ResolvedSpan Resolve(QueuedSpan queued, int takers)
    {
        var resolved = _resolver.Resolve(queued.Span, _free.Count > 0 ? _free.Pop() : new ResolvedSpan());
        resolved.Holders = takers;
        return resolved;
    }

    private void Release(ResolvedSpan span, int outputs)
    {
        span.Holders -= outputs;
        if (span.Holders == 0 && _free.Count < _maxFree)
        {
            span.Reset(); // a delivered span's values (captured content, attributes) are not kept alive by the pool
            _free.Push(span);
        }
    }
}
