namespace Tracentic.AspNetCore.Configuration;

/// <summary>The <c>AttributeLimits</c> subsection; absent keys keep the limits already set.</summary>
internal sealed class AttributeLimitsSection
{
    public int? MaxAttributeCount { get; set; }

    public int? MaxStringValueLength { get; set; }

    public int? MaxKeyLength { get; set; }
}
