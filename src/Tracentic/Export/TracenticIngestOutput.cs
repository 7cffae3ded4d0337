using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>The default output: the Tracentic ingest API (<c>POST {Endpoint}/v1/ingest</c>, OTLP/HTTP JSON, base64 ids).</summary>
internal sealed class TracenticIngestOutput : IExportOutput
{
    private readonly OtlpJsonWriter _writer;
    private readonly HttpSender _sender;
    private readonly TracenticLog _log;

    public TracenticIngestOutput(TracenticSettings settings, TracenticLog log, WireLimits limits)
    {
        _log = log;
        _writer = new OtlpJsonWriter(settings, log, limits);
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
        var count = _writer.Write(batch, out var body);
        _log.Logger.Sending(count, _sender.Uri);
        var sent = await _sender.SendAsync(body, cancellationToken).ConfigureAwait(false);
        var status = sent.StatusCode == 0 ? ExportStatus.Retry : RetryPolicy.Classify(sent.StatusCode);
        if (status == ExportStatus.Delivered)
        {
            _log.Logger.ExportSucceeded(sent.StatusCode, count);
        }

        return new ExportResult(status, count, sent.RetryAfter, sent.Problem);
    }

    public void Dispose() => _sender.Dispose();
}
