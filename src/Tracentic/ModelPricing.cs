namespace Tracentic;

/// <summary>
/// Price of a model in US dollars per million tokens. Input and output prices are required; prompt-cache reads,
/// cache writes and reasoning tokens have their own prices where the provider bills them differently, and cost
/// the input (cache) or output (reasoning) price when left unset, so a configuration without them prices every
/// token as before.
/// </summary>
public sealed record ModelPricing
{
    private readonly double? _cacheReadPerMillion;
    private readonly double? _cacheWritePerMillion;
    private readonly double? _reasoningPerMillion;

    /// <summary>Creates a price entry; both prices must be finite and not negative.</summary>
    public ModelPricing(double inputPerMillion, double outputPerMillion)
    {
        InputPerMillion = Validate(inputPerMillion, nameof(inputPerMillion));
        OutputPerMillion = Validate(outputPerMillion, nameof(outputPerMillion));
    }

    /// <summary>Dollars per million input (prompt) tokens.</summary>
    public double InputPerMillion { get; }

    /// <summary>Dollars per million output (completion) tokens.</summary>
    public double OutputPerMillion { get; }

    /// <summary>Dollars per million input tokens read from the prompt cache; <see cref="InputPerMillion"/> when unset.</summary>
    public double? CacheReadPerMillion
    {
        get => _cacheReadPerMillion;
        init => _cacheReadPerMillion = value is { } price ? Validate(price, nameof(CacheReadPerMillion)) : null;
    }

    /// <summary>Dollars per million input tokens written to the prompt cache; <see cref="InputPerMillion"/> when unset.</summary>
    public double? CacheWritePerMillion
    {
        get => _cacheWritePerMillion;
        init => _cacheWritePerMillion = value is { } price ? Validate(price, nameof(CacheWritePerMillion)) : null;
    }

    /// <summary>Dollars per million reasoning (thinking) output tokens; <see cref="OutputPerMillion"/> when unset.</summary>
    public double? ReasoningPerMillion
    {
        get => _reasoningPerMillion;
        init => _reasoningPerMillion = value is { } price ? Validate(price, nameof(ReasoningPerMillion)) : null;
    }

    /// <summary>Cost of a call: <c>input/1e6 * InputPerMillion + output/1e6 * OutputPerMillion</c>.</summary>
    public double CostOf(long inputTokens, long outputTokens) =>
        inputTokens / 1e6 * InputPerMillion + outputTokens / 1e6 * OutputPerMillion;

    /// <summary>
    /// Cost of a call whose usage names cache and reasoning tokens. Cache reads and writes are priced at their own
    /// prices; they are taken out of <paramref name="inputTokens"/> where the provider counts them in it (OpenAI,
    /// Microsoft.Extensions.AI) and come on top of it where it does not (<paramref name="cacheTokensSeparate"/>:
    /// Anthropic). Reasoning tokens are part of <paramref name="outputTokens"/> and priced at their own price.
    /// </summary>
    internal double CostOf(long inputTokens, long outputTokens, long? cacheReadTokens, long? cacheWriteTokens, long? reasoningTokens, bool cacheTokensSeparate)
    {
        var read = Math.Max(0, cacheReadTokens ?? 0);
        var write = Math.Max(0, cacheWriteTokens ?? 0);
        var uncached = cacheTokensSeparate ? inputTokens : Math.Max(0, inputTokens - read - write);
        var reasoning = Math.Clamp(reasoningTokens ?? 0, 0, Math.Max(0, outputTokens));
        return uncached / 1e6 * InputPerMillion
            + read / 1e6 * (CacheReadPerMillion ?? InputPerMillion)
            + write / 1e6 * (CacheWritePerMillion ?? InputPerMillion)
            + (outputTokens - reasoning) / 1e6 * OutputPerMillion
            + reasoning / 1e6 * (ReasoningPerMillion ?? OutputPerMillion);
    }

    private static double Validate(double price, string name) =>
        double.IsFinite(price) && price >= 0
            ? price
            : throw new ArgumentOutOfRangeException(name, price, "A model price must be a finite, non-negative number of dollars per million tokens.");
}
