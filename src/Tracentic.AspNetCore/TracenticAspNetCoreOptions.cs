using Microsoft.AspNetCore.Http;

namespace Tracentic.AspNetCore;

/// <summary>
/// Settings of the Tracentic engine a host registers with <c>services.AddTracentic(...)</c>, plus what only
/// a web host has: per-request attributes and incoming scope linking.
/// </summary>
/// <remarks>
/// The engine settings are stored in <see cref="Sdk"/>; the properties here forward to it. Settings the
/// host leaves empty are filled from the <c>TRACENTIC_API_KEY</c>, <c>TRACENTIC_ENDPOINT</c>,
/// <c>TRACENTIC_SERVICE_NAME</c> and <c>TRACENTIC_ENVIRONMENT</c> environment variables. Everything is
/// validated when the host starts; an invalid value fails startup with a message naming the setting.
/// </remarks>
public sealed class TracenticAspNetCoreOptions
{
    /// <summary>
    /// The engine options the properties of this type forward to. Use it for settings that have no
    /// property here (<see cref="TracenticOptions.HttpMessageHandlerFactory"/>,
    /// <see cref="TracenticOptions.TimeProvider"/>...). <see cref="TracenticOptions.LoggerFactory"/> defaults to
    /// the host's <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/>.
    /// </summary>
    public TracenticOptions Sdk { get; } = new();

    /// <summary>
    /// API key sent as <c>x-tracentic-api-key</c> (configuration key <c>ApiKey</c>, else <c>TRACENTIC_API_KEY</c>).
    /// Without one, spans are recorded but not exported.
    /// </summary>
    public string? ApiKey
    {
        get => Sdk.ApiKey;
        set => Sdk.ApiKey = value;
    }

    /// <summary>Service name shown in the dashboard (configuration key <c>ServiceName</c>, else <c>TRACENTIC_SERVICE_NAME</c>).</summary>
    public string ServiceName
    {
        get => Sdk.ServiceName;
        set => Sdk.ServiceName = value;
    }

    /// <summary>Service version (configuration key <c>ServiceVersion</c>). Defaults to the entry assembly's version.</summary>
    public string? ServiceVersion
    {
        get => Sdk.ServiceVersion;
        set => Sdk.ServiceVersion = value;
    }

    /// <summary>
    /// Ingest endpoint, an absolute http(s) URL; spans are posted to <c>{Endpoint}/v1/ingest</c>
    /// (configuration key <c>Endpoint</c>, else <c>TRACENTIC_ENDPOINT</c>).
    /// </summary>
    public string Endpoint
    {
        get => Sdk.Endpoint;
        set => Sdk.Endpoint = value;
    }

    /// <summary>Deployment environment tag (configuration key <c>Environment</c>, else <c>TRACENTIC_ENVIRONMENT</c>).</summary>
    public string Environment
    {
        get => Sdk.Environment;
        set => Sdk.Environment = value;
    }

    /// <summary>
    /// Prices per million tokens keyed by model id (configuration: <c>CustomPricing:{model}:InputPerMillion</c>
    /// and <c>...:OutputPerMillion</c>).
    /// </summary>
    public Dictionary<string, ModelPricing>? CustomPricing
    {
        get => Sdk.CustomPricing;
        set => Sdk.CustomPricing = value;
    }

    /// <summary>
    /// Static attributes on every span (configuration: <c>GlobalAttributes:{key}</c>, string values). Request,
    /// scope and span attributes override them.
    /// </summary>
    public Dictionary<string, object?>? GlobalAttributes
    {
        get => Sdk.GlobalAttributes;
        set => Sdk.GlobalAttributes = value;
    }

    /// <summary>Limits on attribute count, key length and string value length (configuration: <c>AttributeLimits:*</c>).</summary>
    public AttributeLimits AttributeLimits
    {
        get => Sdk.AttributeLimits;
        set => Sdk.AttributeLimits = value;
    }

    /// <summary>Timeout of one export request; must be positive (configuration key <c>ExportTimeout</c>, e.g. <c>"00:00:30"</c>).</summary>
    public TimeSpan ExportTimeout
    {
        get => Sdk.ExportTimeout;
        set => Sdk.ExportTimeout = value;
    }

    /// <summary>Logs the span lifecycle at debug level (configuration key <c>Debug</c>).</summary>
    public bool Debug
    {
        get => Sdk.Debug;
        set => Sdk.Debug = value;
    }

    /// <summary>Spans held for export at most (configuration key <c>QueueCapacity</c>).</summary>
    public int QueueCapacity
    {
        get => Sdk.QueueCapacity;
        set => Sdk.QueueCapacity = value;
    }

    /// <summary>Spans sent in one request at most (configuration key <c>MaxBatchSize</c>).</summary>
    public int MaxBatchSize
    {
        get => Sdk.MaxBatchSize;
        set => Sdk.MaxBatchSize = value;
    }

    /// <summary>How long a partial batch waits before it is sent (configuration key <c>BatchDelay</c>).</summary>
    public TimeSpan BatchDelay
    {
        get => Sdk.BatchDelay;
        set => Sdk.BatchDelay = value;
    }

    /// <summary>
    /// Computes the attributes of one request (user id, tenant, route...). Called once per request, after the
    /// middleware placed by <c>app.UseTracentic()</c> is reached (or first in the pipeline when it is not
    /// used). The values apply to spans recorded while that request runs, and only to them; a null value
    /// hides a global attribute of the same key for that request. Returning null adds nothing. If the
    /// function throws, the request proceeds without request attributes and a warning is logged.
    /// </summary>
    /// <example><code>
    /// options.RequestAttributes = context => new()
    /// {
    ///     ["user_id"] = context.User.FindFirst("sub")?.Value,
    ///     ["tenant"] = context.Request.Headers["x-tenant"].ToString(),
    /// };
    /// </code></example>
    public Func<HttpContext, Dictionary<string, object?>?>? RequestAttributes { get; set; }

    /// <summary>
    /// When true, a <see cref="TracenticHeaders.Scope"/> header on an incoming request becomes the parent of the
    /// root scopes begun during that request (<c>[TracenticScope]</c> methods and <c>Begin</c> without an ambient
    /// scope), linking them to the calling service's scope. Off by default: turn it on for services called by
    /// your own services, since any client can send the header (configuration key <c>LinkIncomingScope</c>).
    /// </summary>
    public bool LinkIncomingScope { get; set; }

    /// <summary>
    /// Whether this host's engine becomes the process-wide instance (<see cref="TracenticSdk.Current"/>) that
    /// <c>[TracenticScope]</c> and <c>[TracenticLlmCall]</c> wrappers record through. Default true. Turn it off
    /// only for an additional host in the same process (integration tests), so it does not replace, and shut
    /// down, the engine of the host that owns the process-wide instance (configuration key <c>ProcessWide</c>).
    /// </summary>
    public bool ProcessWide { get; set; } = true;

    /// <summary>Values in configuration that could not be read; reported by validation, naming the key.</summary>
    internal List<string> ConfigurationErrors { get; } = [];
}
