using System.Reflection;

namespace Tracentic.Core;

/// <summary>A validated, immutable copy of <see cref="TracenticOptions"/> taken at creation.</summary>
internal sealed class TracenticSettings
{
    public TracenticSettings(TracenticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Check(options) is [var problem, ..])
        {
            throw new ArgumentException(problem.Message, problem.Setting);
        }

        ApiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey.Trim();
        ServiceName = options.ServiceName;
        Environment = options.Environment;
        ServiceVersion = options.ServiceVersion ?? EntryAssemblyVersion();
        IngestUri = BuildIngestUri(options.Endpoint);
        Otlp = OtlpOutputSettings.From(options.Otlp); // throws ArgumentException saying what to fix
        ExportTimeout = options.ExportTimeout;
        BatchDelay = options.BatchDelay;
        QueueCapacity = options.QueueCapacity;
        MaxBatchSize = options.MaxBatchSize;
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
        MaxMessageContentLength = options.MaxMessageContentLength;
    }

    /// <summary>
    /// Every invalid setting of <paramref name="options"/>, in declaration order; empty when they are all valid. The
    /// one set of rules for the engine (which throws for the first) and the ASP.NET Core integration (which
    /// reports them all when the host starts).
    /// </summary>
    public static List<OptionsProblem> Check(TracenticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionsProblem>();
        if (!string.IsNullOrWhiteSpace(options.ApiKey) && CheckApiKey(options.ApiKey) is { } apiKeyProblem)
        {
            problems.Add(apiKeyProblem);
        }

        RequireText(problems, options.ServiceName, nameof(options.ServiceName), "leave it unset for \"unknown-service\"");
        RequireText(problems, options.Environment, nameof(options.Environment), "leave it unset for \"production\"");
        if (!IsHttpUrl(options.Endpoint))
        {
            problems.Add(new OptionsProblem(
                nameof(options.Endpoint),
                $"must be an absolute http:// or https:// URL such as \"{TracenticOptions.DefaultEndpoint}\"; got \"{options.Endpoint}\""));
        }

        RequirePositive(problems, options.ExportTimeout, nameof(options.ExportTimeout));
        RequirePositive(problems, options.BatchDelay, nameof(options.BatchDelay));
        RequirePositive(problems, options.QueueCapacity, nameof(options.QueueCapacity));
        RequirePositive(problems, options.MaxBatchSize, nameof(options.MaxBatchSize));
        RequirePositive(problems, options.MaxMessageContentLength, nameof(options.MaxMessageContentLength));
        if (options.Otlp is { } otlp && OtlpOutputSettings.Check(otlp) is { } otlpProblem)
        {
            problems.Add(otlpProblem);
        }

        return problems;
    }

    /// <summary>
    /// The settings <see cref="Check"/> has no rule for, because every value is valid (or made valid: the limits clamp,
    /// a price checks itself, null means the default). Every other public setting of <see cref="TracenticOptions"/> has
    /// a rule in <see cref="Check"/>; a test holds the two lists to that, so a new setting is either checked or listed
    /// here on purpose.
    /// </summary>
    public static readonly IReadOnlySet<string> AnyValueIsValid = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(TracenticOptions.ServiceVersion),
        nameof(TracenticOptions.CustomPricing),
        nameof(TracenticOptions.GlobalAttributes),
        nameof(TracenticOptions.CaptureMessageContent),
        nameof(TracenticOptions.RedactMessageContent),
        nameof(TracenticOptions.AttributeLimits),
        nameof(TracenticOptions.Debug),
        nameof(TracenticOptions.HttpMessageHandlerFactory),
        nameof(TracenticOptions.LoggerFactory),
        nameof(TracenticOptions.TimeProvider),
    };

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

    private static OptionsProblem? CheckApiKey(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '\r' or '\n')
            {
                // The key itself is never echoed: the message may end up in a log.
                return new OptionsProblem(
                    nameof(TracenticOptions.ApiKey),
                    $"contains a line break at position {i}. It would break the HTTP header",
                    "check for a trailing newline copied from a secret store or file");
            }

            if (c < 0x20 || c > 0x7E)
            {
                return new OptionsProblem(
                    nameof(TracenticOptions.ApiKey),
                    $"contains a non-printable or non-ASCII character (U+{(int)c:X4}) at position {i}",
                    "API keys are printable ASCII; copy the key again from the Tracentic dashboard");
            }
        }

        return null;
    }

    private static void RequireText(List<OptionsProblem> problems, string? value, string name, string fix)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new OptionsProblem(name, "must not be empty", fix));
        }
    }

    private static void RequirePositive(List<OptionsProblem> problems, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new OptionsProblem(name, $"must be a positive time span such as \"00:00:30\"; got {value}"));
        }
    }

    private static void RequirePositive(List<OptionsProblem> problems, int value, string name)
    {
        if (value < 1)
        {
            problems.Add(new OptionsProblem(name, $"must be at least 1; got {value}"));
        }
    }

    private static bool IsHttpUrl(string? endpoint) =>
        !string.IsNullOrWhiteSpace(endpoint)
        && Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary><c>{endpoint}/v1/ingest</c>; the endpoint was checked by <see cref="Check"/>.</summary>
    private static Uri BuildIngestUri(string endpoint)
    {
        var baseUri = new Uri(endpoint.Trim(), UriKind.Absolute);
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
