using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Testing;

namespace Tracentic.Tests.Infrastructure;

/// <summary>
/// The real JSON writer behind a gate: each export signals that it started, then waits until the test
/// opens the gate. Lets tests hold the export loop still while they fill the queue.
/// </summary>
internal sealed class GatedExporter : ISpanExporter
{
    private readonly InMemoryExporter _inner = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _started = new(0);

    public IReadOnlyList<ExportedSpan> Spans => _inner.Spans;

    public ISpanExporter Attach(TracenticSettings settings, TracenticLog log)
    {
        _inner.Attach(settings, log);
        return this;
    }

    public async Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken)
    {
        _started.Release();
        await _open.Task.WaitAsync(cancellationToken);
        await _inner.ExportAsync(batch, cancellationToken);
    }

    /// <summary>Waits until an export is in progress (held at the gate).</summary>
    public async Task WaitUntilExportingAsync()
    {
        if (!await _started.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("the export loop never called the exporter");
        }
    }

    public void Open() => _open.TrySetResult();

    public void Dispose() => Open();
}
