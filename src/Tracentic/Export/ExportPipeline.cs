using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Everything between recording and the network: one queue that every span enters once, and one export loop in which
/// each output keeps its own progress, so a slow or failing destination never holds up another.
/// </summary>
internal sealed class ExportPipeline
{
    private readonly ExportLoop _loop;

    public ExportPipeline(TracenticSettings settings, TracenticLog log, RetryPolicy retry, IReadOnlyList<IExportOutput> outputs)
    {
        _loop = new ExportLoop(outputs, retry, settings, log);
        SendsScopes = outputs.Any(output => output.SendsScopes);
        _loop.Start();
    }

    /// <summary>Whether any output sends ended scopes as spans (so they are worth recording at all).</summary>
    public bool SendsScopes { get; }

    /// <summary>Spans dropped because an output fell a whole queue behind (summed over the outputs).</summary>
    public long Dropped => _loop.Dropped;

    /// <summary>Spans the first output has waiting or in flight.</summary>
    public int QueuedCount => _loop.Count;

    public void Add(in RecordedSpan span) => _loop.Add(span);

    public Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken) => _loop.FlushAsync(timeout, cancellationToken);

    public Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken) => _loop.StopAsync(timeout, cancellationToken);
}
