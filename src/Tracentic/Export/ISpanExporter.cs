using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Delivers one batch of recorded spans. Called by one background loop, with up to
/// <see cref="TracenticSettings.MaxConcurrentExports"/> calls in progress at once (each with its own batch).
/// </summary>
internal interface ISpanExporter : IDisposable
{
    /// <summary>Sends the batch; gives up (and logs) rather than throwing when delivery fails.</summary>
    Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken);
}
