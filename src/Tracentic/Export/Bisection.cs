namespace Tracentic.Export;

/// <summary>
/// Halving of a batch the endpoint refused for its content (400/413/422): the batch size halves until the refused span
/// is alone (then dropped), and grows back after each delivery inside the refused range, so finding k bad spans among n
/// costs about k·log(n) requests. Past the refused range, batches are full again. Export thread only.
/// </summary>
internal sealed class Bisection(int maxBatchSize)
{
    private readonly int _maxBatchSize = maxBatchSize;
    private long _splitUntil; // the sequence number where the refused batch ended

    /// <summary>How many spans the next batch may hold.</summary>
    public int Limit { get; private set; } = maxBatchSize;

    /// <summary>Whether a refused batch is being split (one request at a time meanwhile).</summary>
    public bool Splitting => Limit < _maxBatchSize;

    /// <summary>The endpoint refused <paramref name="count"/> spans, the last of them <paramref name="lastSequence"/>.</summary>
    public void Refused(int count, long lastSequence)
    {
        Limit = Math.Max(1, count / 2);
        _splitUntil = Math.Max(_splitUntil, lastSequence + 1);
    }

    /// <summary>A batch ending at <paramref name="lastSequence"/> was settled (delivered, or a lone refused span dropped).</summary>
    public void Settled(long lastSequence) =>
        Limit = lastSequence + 1 >= _splitUntil ? _maxBatchSize : Math.Min(_maxBatchSize, Limit * 2);
}
