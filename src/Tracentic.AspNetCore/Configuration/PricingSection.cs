namespace Tracentic.AspNetCore.Configuration;

/// <summary>One model's prices in configuration (<c>CustomPricing:{model}</c>), US dollars per million tokens.</summary>
internal sealed class PricingSection
{
    public double? InputPerMillion { get; set; }

    public double? OutputPerMillion { get; set; }

    public double? CacheReadPerMillion { get; set; }

    public double? CacheWritePerMillion { get; set; }

    public double? ReasoningPerMillion { get; set; }
}
