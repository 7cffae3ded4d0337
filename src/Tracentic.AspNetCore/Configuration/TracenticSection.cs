namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// The Tracentic configuration section as the configuration binding source generator reads it (no reflection, so
/// trimming- and AOT-safe). Every property is nullable: a key that is absent stays null and leaves the option as
/// the environment variables or defaults set it. <see cref="TracenticSectionBinder"/> copies what is set onto
/// <see cref="TracenticAspNetCoreOptions"/>.
/// </summary>
internal sealed class TracenticSection
{
    public string? ApiKey { get; set; }

    public string? ServiceName { get; set; }

    public string? ServiceVersion { get; set; }

    public string? Endpoint { get; set; }

    public string? Environment { get; set; }

    public TimeSpan? ExportTimeout { get; set; }

    public TimeSpan? BatchDelay { get; set; }

    public int? QueueCapacity { get; set; }

    public int? MaxBatchSize { get; set; }

    public bool? Debug { get; set; }

    public bool? LinkIncomingScope { get; set; }

    public bool? ProcessWide { get; set; }

    /// <summary>Content capture: <c>gen_ai.input.messages</c>/<c>gen_ai.output.messages</c> of recognised calls.</summary>
    public bool? CaptureMessageContent { get; set; }

    public int? MaxMessageContentLength { get; set; }

    /// <summary><c>GlobalAttributes:{key}</c>: string values.</summary>
    public Dictionary<string, string?>? GlobalAttributes { get; set; }

    /// <summary><c>CustomPricing:{model}:InputPerMillion</c> and <c>...:OutputPerMillion</c>, optionally <c>CacheReadPerMillion</c>, <c>CacheWritePerMillion</c>, <c>ReasoningPerMillion</c>.</summary>
    public Dictionary<string, PricingSection>? CustomPricing { get; set; }

    public AttributeLimitsSection? AttributeLimits { get; set; }
}
