using System.Reflection;

namespace Tracentic.Engine;

/// <summary>A validated, immutable copy of <see cref="TracenticOptions"/> taken at creation.</summary>
internal sealed class TracenticSettings
{
    public TracenticSettings(TracenticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        ApiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : ValidateApiKey(options.ApiKey);
        ServiceName = RequireText(options.ServiceName, nameof(options.ServiceName), "leave it unset for \"unknown-service\"");
        Environment = RequireText(options.Environment, nameof(options.Environment), "leave it unset for \"production\"");
        ServiceVersion = options.ServiceVersion ?? EntryAssemblyVersion();
        IngestUri = BuildIngestUri(options.Endpoint);
        Otlp = OtlpOutputSettings.From(options.Otlp);
        ExportTimeout = RequirePositive(options.ExportTimeout, nameof(options.ExportTimeout));
        BatchDelay = RequirePositive(options.BatchDelay, nameof(options.BatchDelay));
        QueueCapacity = RequirePositive(options.QueueCapacity, nameof(options.QueueCapacity));
        MaxBatchSize = RequirePositive(options.MaxBatchSize, nameof(options.MaxBatchSize));
        Limits = (options.AttributeLimits ?? new AttributeLimits()).Clone();
        Pricing = options.CustomPricing is null
            ? new Dictionary<string, ModelPricing>(StringComparer.Ordinal)
            : new Dictionary<string, ModelPricing>(options.CustomPricing, StringComparer.Ordinal);
        GlobalAttributes = AttributeSnapshot.Copy(options.GlobalAttributes);
        Debug = options.Debug;
        Clock = options.TimeProvider ?? TimeProvider.System;
        HttpMessageHandlerFactory = options.HttpMessageHandlerFactory;
        LoggerFactory = options.LoggerFactory;
        CaptureMessageContent = options.CaptureMessageContent
            ?? string.Equals(System.Environment.GetEnvironmentVariable(CaptureContentVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        RedactMessageContent = options.RedactMessageContent;
        MaxMessageContentLength = RequirePositive(options.MaxMessageContentLength, nameof(options.MaxMessageContentLength));
    }

    /// <summary>The OpenTelemetry GenAI convention that turns content capture on when the option is left unset.</summary>
    public const string CaptureContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    public string? ApiKey { get; }
    public string ServiceName { get; }
    public string? ServiceVersion { get; }
    public string Environment { get; }
    public Uri IngestUri { get; }

    /// <summary>The standard OTLP output; null when off.</summary>
    public OtlpOutputSettings? Otlp { get; }
    public TimeSpan ExportTimeout { get; }
    public TimeSpan BatchDelay { get; }
    public int QueueCapacity { get; }
    public int MaxBatchSize { get; }
    public AttributeLimits Limits { get; }
    public IReadOnlyDictionary<string, ModelPricing> Pricing { get; }
    public IReadOnlyDictionary<string, object?> GlobalAttributes { get; }
    public bool Debug { get; }
    public TimeProvider Clock { get; }
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; }
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; }
    public bool CaptureMessageContent { get; }
    public Func<string, string>? RedactMessageContent { get; }
    public int MaxMessageContentLength { get; }

    /// <summary>How long <c>FlushAsync</c> and <c>ShutdownAsync</c> wait at most: one export timeout and 5 s more.</summary>
    public TimeSpan FlushTimeout => ExportTimeout + TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an exit hook (process exit, SIGTERM/SIGINT, unhandled exception) waits at most, so a dead or hung
    /// endpoint never holds up the end of the process for long: 5 s, or the export timeout when that is shorter.
    /// </summary>
    public TimeSpan ExitTimeout => ExportTimeout < TimeSpan.FromSeconds(5) ? ExportTimeout : TimeSpan.FromSeconds(5);

    private static string ValidateApiKey(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '\r' or '\n')
            {
                throw new ArgumentException(
                    $"TracenticOptions.ApiKey contains a line break at position {i}. It would break the HTTP header; " +
                    "check for a trailing newline copied from a secret store or file.", nameof(TracenticOptions.ApiKey));
            }

            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException(
                    $"TracenticOptions.ApiKey contains a non-printable or non-ASCII character (U+{(int)c:X4}) at position {i}. " +
                    "API keys are printable ASCII; copy the key again from the Tracentic dashboard.", nameof(TracenticOptions.ApiKey));
            }
        }

        return key.Trim();
    }

    private static string RequireText(string? value, string name, string hint) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"TracenticOptions.{name} must not be empty; {hint}.", name)
            : value;

    private static TimeSpan RequirePositive(TimeSpan value, string name) =>
        value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"TracenticOptions.{name} must be a positive time span.");

    private static int RequirePositive(int value, string name) =>
        value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"TracenticOptions.{name} must be at least 1.");

    private static Uri BuildIngestUri(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint)
            || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"TracenticOptions.Endpoint must be an absolute http:// or https:// URL such as \"{TracenticOptions.DefaultEndpoint}\"; got \"{endpoint}\".",
                nameof(TracenticOptions.Endpoint));
        }

        var text = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text + "/v1/ingest", UriKind.Absolute);
    }

    private static string? EntryAssemblyVersion()
    {
        var assembly = Assembly.GetEntryAssembly();
        var informational = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return SdkInfo.StripBuildMetadata(informational) ?? assembly?.GetName().Version?.ToString();
    }
}

/// <summary>Name and version of this SDK, as sent in the User-Agent and the OTLP resource.</summary>
internal static class SdkInfo
{
    public const string Name = "tracentic-dotnet";

    public static readonly string Version =
        StripBuildMetadata(typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
        ?? "0.0.0";

    public static readonly string UserAgent = $"{Name}/{Version}";

    public static string? StripBuildMetadata(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
