using Tracentic.Core;
using Tracentic.Export.Wire;

namespace Tracentic.Export;

/// <summary>The default output: the Tracentic ingest API (<c>POST {Endpoint}/v1/ingest</c>, OTLP/HTTP JSON, base64 ids).</summary>
internal static class TracenticIngestOutput
{
    public static IExportOutput Create(TracenticSettings settings, TracenticLog log, WireLimits limits) => new HttpExportOutput(
        () => new OtlpJsonWriter(settings, log, limits, WireFlavour.TracenticIngest),
        new HttpSender(
            settings.IngestUri,
            [new("x-tracentic-api-key", settings.ApiKey ?? "")],
            settings.ExportTimeout,
            settings.Clock,
            new SecretRedactor(settings.ApiKey),
            settings.HttpMessageHandlerFactory,
            "check TracenticOptions.ApiKey"),
        log);
}
