using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>An exporter that drops every batch: measures recording and queueing alone.</summary>
internal sealed class DiscardExporter : ISpanExporter
{
    public long Exported;

    public Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref Exported, batch.Count);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
