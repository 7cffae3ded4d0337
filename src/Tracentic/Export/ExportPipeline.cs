using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Everything between recording and the network: one resolver (merge, limits, cost) shared by every output, and per
/// output its own queue and export loop, so a slow or failing destination never holds up another.
/// </summary>
internal sealed class ExportPipeline
{
    private readonly ExportLoop[] _loops;
    private readonly bool[] _sendsScopes;

    public ExportPipeline(TracenticSettings settings, TracenticLog log, RetryPolicy retry, IReadOnlyList<IExportOutput> outputs)
    {
        var resolver = new SpanResolver(settings, log);
        _loops = [.. outputs.Select(output => new ExportLoop(new SpanQueue(settings.QueueCapacity, ExportLoop.MaxInFlight * settings.MaxBatchSize), output, resolver, retry, settings, log))];
        _sendsScopes = [.. outputs.Select(output => output.SendsScopes)];
        foreach (var loop in _loops)
        {
            loop.Start();
        }

        SendsScopes = _sendsScopes.Contains(true);
    }

    /// <summary>Whether any output sends ended scopes as spans (so they are worth recording at all).</summary>
    public bool SendsScopes { get; }

    /// <summary>Spans dropped because a queue was full (summed over the outputs).</summary>
    public long Dropped => _loops.Sum(loop => loop.Queue.Dropped);

    /// <summary>Spans waiting in the first output's queue.</summary>
    public int QueuedCount => _loops[0].Queue.Count;

    public void Add(RecordedSpan span)
    {
        for (var i = 0; i < _loops.Length; i++)
        {
            if (!span.IsScope || _sendsScopes[i])
            {
                _loops[i].Add(span);
            }
        }
    }

    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var flushes = await Task.WhenAll(_loops.Select(loop => loop.FlushAsync(timeout, cancellationToken))).ConfigureAwait(false);
        return flushes.All(done => done);
    }

    public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.WhenAll(_loops.Select(loop => loop.StopAsync(timeout, cancellationToken)));
}
