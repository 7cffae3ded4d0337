using System.Collections.Concurrent;
using Tracentic.Core;
using Tracentic.Export.Wire;

namespace Tracentic.Export;

/// <summary>
/// An output that posts each batch as one body over HTTP: a writer for the wire flavour, a sender for the endpoint.
/// Exports may overlap (<see cref="OutputLane.MaxInFlight"/>), so each takes a writer of its own, whose body lives
/// until its request is done.
/// </summary>
internal sealed class HttpExportOutput(Func<ISpanBodyWriter> newWriter, HttpSender sender, TracenticLog log, bool sendsScopes = false) : IExportOutput
{
    private readonly ConcurrentBag<ISpanBodyWriter> _writers = [];

    public bool SendsScopes => sendsScopes;

    public void Prepare(IReadOnlyList<ResolvedSpan> sample)
    {
        var writer = newWriter();
        writer.Write(sample, out _);
        _writers.Add(writer); // the first batch takes it
    }

    public async Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
    {
        var writer = _writers.TryTake(out var idle) ? idle : newWriter();
        int count;
        SendResult sent;
        try
        {
            count = writer.Write(batch, out var body);
            log.Logger.Sending(count, sender.Uri);
            sent = await sender.SendAsync(body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writers.Add(writer);
        }

        var status = sent.StatusCode == 0 ? ExportStatus.Retry : RetryPolicy.Classify(sent.StatusCode);
        if (status == ExportStatus.Delivered)
        {
            log.Logger.ExportSucceeded(sent.StatusCode, count);
        }

        return new ExportResult(status, count, sent.RetryAfter, sent.Problem);
    }

    public void Dispose() => sender.Dispose();
}
