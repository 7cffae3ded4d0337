using System.Collections.Concurrent;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// The default output: the Tracentic ingest API (<c>POST {Endpoint}/v1/ingest</c>, OTLP/HTTP JSON, base64 ids).
/// Exports may overlap (<see cref="ExportLoop.MaxInFlight"/>): each uses a writer of its own, whose body lives until
/// the request is done.
/// </summary>
internal sealed class TracenticIngestOutput : IExportOutput
{
    private readonly ConcurrentBag<OtlpJsonWriter> _writers = [];
    private readonly TracenticSettings _settings;
    private readonly WireLimits _limits;
    private readonly HttpSender _sender;
    private readonly TracenticLog _log;

    public TracenticIngestOutput(TracenticSettings settings, TracenticLog log, WireLimits limits)
    {
        _log = log;
        _settings = settings;
        _limits = limits;
        _sender = new HttpSender(
            settings.IngestUri,
            [new("x-tracentic-api-key", settings.ApiKey ?? "")],
            settings.ExportTimeout,
            settings.Clock,
            new SecretRedactor(settings.ApiKey),
            settings.HttpMessageHandlerFactory);
    }

    public async Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
    {
        var writer = _writers.TryTake(out var idle) ? idle : new OtlpJsonWriter(_settings, _log, _limits);
        var count = writer.Write(batch, out var body);
        _log.Logger.Sending(count, _sender.Uri);
        SendResult sent;
        try
        {
            sent = await _sender.SendAsync(body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writers.Add(writer);
        }

        var status = sent.StatusCode == 0 ? ExportStatus.Retry : RetryPolicy.Classify(sent.StatusCode);
        if (status == ExportStatus.Delivered)
        {
            _log.Logger.ExportSucceeded(sent.StatusCode, count);
        }

        return new ExportResult(status, count, sent.RetryAfter, sent.Problem);
    }

    public void Dispose() => _sender.Dispose();
}
