namespace Tracentic.Generators.Providers;

/// <summary>
/// How to read one provider response type (or stream update type), by metadata name. Each field is a path from
/// the value (syntax in <see cref="ResponsePath"/>); alternatives separated by <c>|</c> are tried in order. A path the
/// referenced SDK version does not have is left out, so the table stays safe across SDK versions.
/// </summary>
internal sealed record KnownResponse(string MetadataName)
{
    public string? InputTokens { get; init; }
    public string? OutputTokens { get; init; }
    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }
    public string? FinishReason { get; init; }
    public string? ResponseId { get; init; }
    public string? OutputText { get; init; }
    /// <summary>Input tokens read from a prompt cache.</summary>
    public string? CacheReadTokens { get; init; }
    /// <summary>Input tokens written to a prompt cache (Anthropic's cache creation).</summary>
    public string? CacheWriteTokens { get; init; }
    /// <summary>Output tokens spent on reasoning (part of the output tokens, as every provider here counts them).</summary>
    public string? ReasoningTokens { get; init; }
    /// <summary>Of the input and of the output tokens, those of audio, where the provider counts them apart.</summary>
    public string? InputAudioTokens { get; init; }
    public string? OutputAudioTokens { get; init; }
    /// <summary>
    /// The cache counts come on top of the input tokens (Anthropic) instead of being part of them (OpenAI,
    /// Microsoft.Extensions.AI): cost adds them rather than taking them out of the input.
    /// </summary>
    public bool CacheTokensSeparate { get; init; }
    /// <summary>An update of a streamed response: its fields add up over the stream, its text marks the first token.</summary>
    public bool IsStreamUpdate { get; init; }
    /// <summary>Embeddings: the provider reports no output tokens, which are zero (so cost can be computed).</summary>
    public bool NoOutputTokens { get; init; }
}
