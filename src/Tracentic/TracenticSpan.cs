namespace Tracentic;

/// <summary>One LLM call: when it ran, which provider and model, and how many tokens it used.</summary>
public sealed class TracenticSpan
{
    /// <summary>When the call started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the call ended.</summary>
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>Provider, e.g. <c>"openai"</c> or <c>"anthropic"</c>; part of the span name.</summary>
    public string? Provider { get; set; }

    /// <summary>Model id, e.g. <c>"gpt-4o"</c>; used to look up pricing.</summary>
    public string? Model { get; set; }

    /// <summary>Input (prompt) tokens.</summary>
    public long? InputTokens { get; set; }

    /// <summary>Output (completion) tokens.</summary>
    public long? OutputTokens { get; set; }

    /// <summary>
    /// Of the <see cref="InputTokens"/>, those read from the provider's prompt cache (OpenAI's <c>cached_tokens</c>);
    /// priced at <see cref="ModelPricing.CacheReadPerMillion"/>.
    /// </summary>
    public long? CacheReadInputTokens { get; set; }

    /// <summary>Of the <see cref="InputTokens"/>, those written to the prompt cache; priced at <see cref="ModelPricing.CacheWritePerMillion"/>.</summary>
    public long? CacheWriteInputTokens { get; set; }

    /// <summary>Of the <see cref="OutputTokens"/>, those spent on reasoning; priced at <see cref="ModelPricing.ReasoningPerMillion"/>.</summary>
    public long? ReasoningOutputTokens { get; set; }

    /// <summary>Kind of call, e.g. <c>"chat"</c> or <c>"embedding"</c>; part of the span name.</summary>
    public string? OperationType { get; set; }

    /// <summary>Attributes of this span only; they override scope, request and global attributes.</summary>
    public Dictionary<string, object?>? Attributes { get; set; }
}
