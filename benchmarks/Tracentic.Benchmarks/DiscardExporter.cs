using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>An output that drops every batch: measures recording, queueing and resolving alone.</summary>
internal sealed class DiscardExporter(bool sendsScopes = false) : IExportOutput
{
    public long Exported;

    public bool SendsScopes => sendsScopes;

    public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref Exported, batch.Count);
        return Task.FromResult(new ExportResult(ExportStatus.Delivered, batch.Count));
    }

    public void Dispose()
    {
    }
}
