using Microsoft.Extensions.Logging;

namespace Tracentic;

/// <summary>
/// Settings for a Tracentic instance. They are copied when the instance is created
/// (<see cref="TracenticSdk.Create"/>), so changing them afterwards changes nothing.
/// </summary>
public sealed class TracenticOptions
{
    /// <summary>Default ingest endpoint of the hosted Tracentic service.</summary>
    public const string DefaultEndpoint = "https://tracentic.dev";

    /// <summary>
    /// API key sent as <c>x-tracentic-api-key</c>. When null or blank, spans are recorded locally
    /// but not exported, and an informational message says so once.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Service identifier shown in the dashboard (<c>service.name</c>).</summary>
    public string ServiceName { get; set; } = "unknown-service";

    /// <summary>Service version (<c>service.version</c>). Defaults to the entry assembly's version.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>Ingest endpoint; spans are posted to <c>{Endpoint}/v1/ingest</c>.</summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Also (or, without an <see cref="ApiKey"/>, only) send spans as standard OTLP to any OpenTelemetry endpoint: a
    /// Collector, the Aspire dashboard, Jaeger. Null by default; <see cref="OtlpOutputOptions.FromEnvironment"/> reads
    /// the <c>OTEL_EXPORTER_OTLP_*</c> variables.
    /// </summary>
    public OtlpOutputOptions? Otlp { get; set; }

    /// <summary>Deployment environment tag (<c>deployment.environment</c>).</summary>
    public string Environment { get; set; } = "production";

    /// <summary>
    /// Prices per million tokens, keyed by model id (exact, case-sensitive match). Cost is recorded only
    /// for models listed here; an unlisted model is warned about once.
    /// </summary>
    public Dictionary<string, ModelPricing>? CustomPricing { get; set; }

    /// <summary>
    /// Static attributes on every span this instance records (region, version, team...). Scope, request and
    /// span attributes override them on key collision. For values that change at run time, use
    /// <see cref="TracenticGlobalContext"/>.
    /// </summary>
    public Dictionary<string, object?>? GlobalAttributes { get; set; }

    /// <summary>
    /// Records the messages of each recognised LLM call (<c>gen_ai.input.messages</c> and <c>gen_ai.output.messages</c>:
    /// the request's messages and the response's text, a stream's assembled). Off by default: prompts and answers
    /// often hold personal data. Null follows the OpenTelemetry convention
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</c>.
    /// </summary>
    public bool? CaptureMessageContent { get; set; }

    /// <summary>
    /// Applied to every captured message text before it is recorded (mask e-mail addresses, account numbers...).
    /// Return the text to record. If it throws, the text is left out.
    /// </summary>
    public Func<string, string>? RedactMessageContent { get; set; }

    /// <summary>Each captured message text is cut to this many characters. Default 16,384.</summary>
    public int MaxMessageContentLength { get; set; } = 16_384;

    /// <summary>Limits on attribute count, key length and string value length.</summary>
    public AttributeLimits AttributeLimits { get; set; } = new();

    /// <summary>Timeout of one export HTTP request. Default 30 seconds.</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Logs the span lifecycle (enqueue, flush, export success, shutdown). Warnings are logged regardless.
    /// </summary>
    public bool Debug { get; set; }

    /// <summary>Creates the handler of the exporter's <see cref="HttpClient"/> (proxies, certificates, tests).</summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>Where log messages go. Without one, messages are written to stderr prefixed <c>[tracentic]</c>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Spans that may wait for export; when full, the oldest waiting span is dropped and counted. Spans in flight (at
    /// most twice <see cref="MaxBatchSize"/>) come on top. Default 2,048.
    /// </summary>
    public int QueueCapacity { get; set; } = 2048;

    /// <summary>Spans sent in one request at most. Default 512.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How long a partial batch waits for more spans before it is sent. Default 1 second.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock used for scope and span timestamps and for export delays.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
