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
    /// <summary>An update of a streamed response: its fields add up over the stream, its text marks the first token.</summary>
    public bool IsStreamUpdate { get; init; }
    /// <summary>Embeddings: the provider reports no output tokens, which are zero (so cost can be computed).</summary>
    public bool NoOutputTokens { get; init; }
}
