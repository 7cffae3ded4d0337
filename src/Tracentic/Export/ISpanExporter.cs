using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>Delivers one batch of recorded spans. Called by one background loop at a time.</summary>
internal interface ISpanExporter : IDisposable
{
    /// <summary>Sends the batch; gives up (and logs) rather than throwing when delivery fails.</summary>
    Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken);
}
