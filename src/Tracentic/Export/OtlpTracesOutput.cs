using Tracentic.Core;
using Tracentic.Export.Wire;

namespace Tracentic.Export;

/// <summary>
/// The standard OTLP output (<see cref="TracenticOptions.Otlp"/>): <c>POST {endpoint}/v1/traces</c>, OTLP/HTTP JSON by
/// the specification, with the configured headers, and scopes sent as spans of their own. The same HTTP output as the
/// ingest, with the same writer in another flavour (<see cref="WireFlavour.StandardOtlp"/>) and another sender, and its
/// own progress through the one queue (its own lane of the export loop): the ingest's delivery guarantees (at-least-once retry, bisection of refused batches, bounded exits), and a
/// slow collector never holds up the ingest.
/// </summary>
internal static class OtlpTracesOutput
{
    /// <summary>Header values this long or longer are treated as secrets (an API key, a bearer token) and never logged.</summary>
    private const int MinSecretLength = 8;

    public static IExportOutput Create(TracenticSettings settings, OtlpOutputSettings output, TracenticLog log, WireLimits limits) => new HttpExportOutput(
        () => new OtlpJsonWriter(settings, log, limits, WireFlavour.StandardOtlp),
        new HttpSender(
            output.TracesUri,
            output.Headers,
            settings.ExportTimeout,
            settings.Clock,
            new SecretRedactor(output.Headers.Select(header => header.Value).Where(value => value.Length >= MinSecretLength)),
            settings.HttpMessageHandlerFactory,
            "check the headers in TracenticOptions.Otlp (or OTEL_EXPORTER_OTLP_HEADERS)"),
        log,
        sendsScopes: WireFlavour.StandardOtlp.ScopeSpans);
}
