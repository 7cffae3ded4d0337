using Tracentic.Engine;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

/// <summary>Each entry point copies the caller's pricing when it makes the engine: later changes to the dictionary never count.</summary>
[Collection(ProcessWideState.Name)]
public class PricingCopyTests
{
    private static readonly ModelPricing Original = new(2.5, 10.0);

    private static Dictionary<string, ModelPricing> Pricing() => new() { ["gpt-4o"] = Original };

    private static void ChangeAfterwards(Dictionary<string, ModelPricing> pricing)
    {
        pricing["gpt-4o"] = new ModelPricing(1000, 1000);
        pricing["gpt-4o-mini"] = new ModelPricing(1, 1);
        pricing.Remove("gpt-4o");
    }

    private static void AssertOriginal(ITracentic sdk)
    {
        var pricing = ((TracenticEngine)sdk).Settings.Pricing;
        Assert.Equal(Original, pricing["gpt-4o"]);
        Assert.False(pricing.ContainsKey("gpt-4o-mini"));
    }

    [Fact]
    public async Task Create_copies_the_pricing()
    {
        var pricing = Pricing();
        await using var sdk = TracenticSdk.Create(new TracenticOptions { CustomPricing = pricing });

        ChangeAfterwards(pricing);

        AssertOriginal(sdk);
    }

    [Fact]
    public async Task Configure_copies_the_pricing()
    {
        var pricing = Pricing();
        try
        {
            var sdk = TracenticSdk.Configure(new TracenticOptions { CustomPricing = pricing });

            ChangeAfterwards(pricing);

            AssertOriginal(sdk);
            AssertOriginal(TracenticSdk.Current);
            await sdk.ShutdownAsync();
        }
        finally
        {
            TracenticSdk.Install(null);
        }
    }
}
