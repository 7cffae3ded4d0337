namespace Tracentic.Tests;

/// <summary>
/// The cost formula and its fallbacks, per provider usage shape: OpenAI and Microsoft.Extensions.AI count cached
/// input inside the input tokens and reasoning inside the output tokens; Anthropic reports cache reads and cache
/// writes beside its (uncached) input tokens.
/// </summary>
public sealed class ModelPricingTests
{
    private static readonly ModelPricing Plain = new(2.5, 10.0);

    private static readonly ModelPricing WithCachePrices = new(2.5, 10.0) { CacheReadPerMillion = 0.25, CacheWritePerMillion = 3.125, ReasoningPerMillion = 12.0 };

    [Fact]
    public void Without_cache_or_reasoning_prices_an_OpenAI_shaped_call_costs_what_input_and_output_prices_say()
    {
        // 1,000 input tokens of which 600 cached, 500 output tokens of which 200 reasoning.
        var cost = Plain.CostOf(1_000, 500, cacheReadTokens: 600, cacheWriteTokens: null, reasoningTokens: 200, cacheTokensSeparate: false);

        Assert.Equal(Plain.CostOf(1_000, 500), cost, 12);
    }

    [Fact]
    public void An_OpenAI_shaped_call_prices_cached_input_and_reasoning_output_at_their_own_prices()
    {
        var cost = WithCachePrices.CostOf(1_000, 500, cacheReadTokens: 600, cacheWriteTokens: null, reasoningTokens: 200, cacheTokensSeparate: false);

        Assert.Equal((400 * 2.5 + 600 * 0.25 + 300 * 10.0 + 200 * 12.0) / 1e6, cost, 12);
    }

    [Fact]
    public void An_Anthropic_shaped_call_adds_cache_reads_and_writes_to_its_input_tokens()
    {
        // input_tokens 100 (after the cache), cache_read_input_tokens 2,000, cache_creation_input_tokens 500.
        var priced = WithCachePrices.CostOf(100, 50, cacheReadTokens: 2_000, cacheWriteTokens: 500, reasoningTokens: null, cacheTokensSeparate: true);
        var fallback = Plain.CostOf(100, 50, cacheReadTokens: 2_000, cacheWriteTokens: 500, reasoningTokens: null, cacheTokensSeparate: true);

        Assert.Equal((100 * 2.5 + 2_000 * 0.25 + 500 * 3.125 + 50 * 10.0) / 1e6, priced, 12);
        // Unset cache prices fall back to the input price: every token the provider billed is counted.
        Assert.Equal((2_600 * 2.5 + 50 * 10.0) / 1e6, fallback, 12);
    }

    [Fact]
    public void Counts_that_do_not_add_up_never_make_a_negative_or_larger_cost()
    {
        // More cached than input, more reasoning than output, negative counts from a misbehaving provider.
        var cost = WithCachePrices.CostOf(100, 10, cacheReadTokens: 500, cacheWriteTokens: -3, reasoningTokens: 50, cacheTokensSeparate: false);

        Assert.Equal((0 * 2.5 + 500 * 0.25 + 0 * 10.0 + 10 * 12.0) / 1e6, cost, 12);
        Assert.True(cost >= 0);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bad_cache_or_reasoning_price_is_refused_with_what_to_do(double price)
    {
        var read = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPricing(1, 1) { CacheReadPerMillion = price });
        Assert.Equal("CacheReadPerMillion", read.ParamName);
        Assert.Contains("finite, non-negative", read.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPricing(1, 1) { CacheWritePerMillion = price });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPricing(1, 1) { ReasoningPerMillion = price });
    }

    [Fact]
    public void Prices_compare_by_value_with_the_optional_prices_included()
    {
        Assert.Equal(new ModelPricing(1, 2) { CacheReadPerMillion = 0.1 }, new ModelPricing(1, 2) { CacheReadPerMillion = 0.1 });
        Assert.NotEqual(new ModelPricing(1, 2), new ModelPricing(1, 2) { CacheReadPerMillion = 0.1 });
    }
}
