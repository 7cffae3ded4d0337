namespace Tracentic.Core;

/// <summary>The one cost formula, for the outputs and the telemetry alike.</summary>
internal static class SpanCost
{
    /// <summary>
    /// The call's cost: with input and output tokens, a successful call, and a price for the model asked for (else the
    /// one that answered, such as a dated snapshot). Cache and reasoning tokens at their own prices.
    /// </summary>
    public static double? Of(
        string? model,
        string? responseModel,
        long? inputTokens,
        long? outputTokens,
        RecordedTokenDetails? details,
        bool failed,
        IReadOnlyDictionary<string, ModelPricing> pricing)
    {
        if (failed || model is null || inputTokens is not { } input || outputTokens is not { } output
            || !(pricing.TryGetValue(model, out var price) || (responseModel is { } answered && pricing.TryGetValue(answered, out price))))
        {
            return null;
        }

        return details is null
            ? price.CostOf(input, output)
            : price.CostOf(input, output, details.CacheRead, details.CacheWrite, details.Reasoning, details.CacheSeparate);
    }
}
