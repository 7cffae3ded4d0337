using System.Collections.Generic;

namespace Tracentic.Generators.Providers;

/// <summary>
/// Where a request argument type (by metadata name) keeps the parameters the GenAI conventions record as
/// <c>gen_ai.request.*</c>: each a path from the argument (<see cref="ResponsePath"/> syntax). A path the referenced
/// SDK version does not have, or that leads through an obsolete or experimental member, is left out.
/// </summary>
internal sealed record KnownRequestParameters(string MetadataName)
{
    public string? Temperature { get; init; }
    public string? MaxTokens { get; init; }
    public string? TopP { get; init; }
    public string? TopK { get; init; }
    public string? Seed { get; init; }
    public string? StopSequences { get; init; }
    public string? FrequencyPenalty { get; init; }
    public string? PresencePenalty { get; init; }
    public string? ChoiceCount { get; init; }

    /// <summary>How many dimensions an embedding has (<c>gen_ai.embeddings.dimension.count</c>).</summary>
    public string? EmbeddingDimensions { get; init; }

    /// <summary>The conversation the call belongs to (<c>gen_ai.conversation.id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>
    /// The requested output format (<c>gen_ai.output.type</c>): a path to a value whose type says it, and the value
    /// recorded for each type (by metadata name) it may be.
    /// </summary>
    public string? OutputFormat { get; init; }

    public IReadOnlyList<(string Type, string OutputType)> OutputTypes { get; init; } = [];
}
