using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// The standard OTLP output (<see cref="TracenticOptions.Otlp"/>): <c>POST {endpoint}/v1/traces</c>, OTLP/HTTP JSON by
/// the specification, with the configured headers. Scopes are sent as spans of their own. It runs behind its own
/// queue and export loop, so it gets the ingest's delivery guarantees (at-least-once retry, bisection of refused
/// batches, bounded exits) and a slow collector never holds up the ingest.
/// </summary>
internal sealed class OtlpTracesOutput : IExportOutput
{
    private readonly OtlpTracesWriter _writer;
    private readonly HttpSender _sender;
    private readonly TracenticLog _log;

    public OtlpTracesOutput(TracenticSettings settings, OtlpOutputSettings output, TracenticLog log, WireLimits limits)
    {
        _log = log;
        _writer = new OtlpTracesWriter(settings, log, limits);

        // Header values are the collector's credentials (an API key, a bearer token): never in a log line. Values
        // too short to be secrets are left alone, so that redaction does not mangle every log line.
        _sender = new HttpSender(
            output.TracesUri,
            output.Headers,
            settings.ExportTimeout,
            settings.Clock,
            new SecretRedactor(output.Headers.Select(header => header.Value).Where(value => value.Length >= 8)),
            settings.HttpMessageHandlerFactory);
    }

    public bool SendsScopes => true;

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
