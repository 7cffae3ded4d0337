using Microsoft.Extensions.DependencyInjection;
using Tracentic.AspNetCore.Tests.Infrastructure;

namespace Tracentic.AspNetCore.Tests;

public sealed class PricingCopyTests : ProcessWideTest
{
    [Fact]
    public async Task AddTracentic_copies_the_pricing_so_later_changes_to_the_callers_dictionary_change_nothing()
    {
        var pricing = new Dictionary<string, ModelPricing> { ["gpt-4o"] = new ModelPricing(2.5, 10.0) };
        await using var app = await TestApp.StartAsync(new TestAppSetup { Configure = o => o.CustomPricing = pricing });
        var engine = app.App.Services.GetRequiredService<ITracentic>();

        pricing["gpt-4o"] = new ModelPricing(1000, 1000);
        engine.RecordSpan(Spans.Call()); // 10 input and 5 output tokens of gpt-4o

        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal((10 * 2.5 + 5 * 10.0) / 1e6, (double)span["llm.cost.total_usd"]!, 12);
    }

    /// <summary>Copied when AddTracentic is called, as the official SDK does: a change before the host starts does not count either.</summary>
    [Fact]
    public void A_change_to_the_callers_dictionary_between_AddTracentic_and_startup_changes_nothing()
    {
        var pricing = new Dictionary<string, ModelPricing> { ["gpt-4o"] = new ModelPricing(2.5, 10.0) };
        var services = new ServiceCollection();
        services.AddTracentic(o => o.CustomPricing = pricing);

        pricing["gpt-4o"] = new ModelPricing(1000, 1000);
        pricing["gpt-4o-mini"] = new ModelPricing(1, 1);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TracenticOptions>>().Value;

        Assert.Equal(2.5, options.CustomPricing!["gpt-4o"].InputPerMillion);
        Assert.False(options.CustomPricing.ContainsKey("gpt-4o-mini"));
        Assert.NotSame(pricing, options.CustomPricing);
    }
}
