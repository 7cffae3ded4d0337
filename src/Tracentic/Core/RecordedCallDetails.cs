namespace Tracentic.Core;

/// <summary>
/// What the GenAI semantic conventions record of a call beyond its usage: the line that made it (the current
/// <c>code.*</c> names), the request parameters read from its arguments, whether it streamed and how soon the first
/// chunk came, and, under content capture, its system instructions and tool definitions. Immutable: a call site
/// shares one instance (its code location) between all its calls that add nothing else; strings are already clean.
/// </summary>
internal sealed record RecordedCallDetails
{
    /// <summary>The calling member, fully qualified (<c>code.function.name</c>).</summary>
    public string? CodeFunction { get; init; }

    /// <summary>The calling file, relative to the project (<c>code.file.path</c>).</summary>
    public string? CodeFilePath { get; init; }

    /// <summary>The calling line, 1-based (<c>code.line.number</c>); 0 when unknown.</summary>
    public int CodeLine { get; init; }

    public double? Temperature { get; init; }
    public long? MaxTokens { get; init; }
    public double? TopP { get; init; }
    public long? TopK { get; init; }
    public long? Seed { get; init; }
    public string[]? StopSequences { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public long? ChoiceCount { get; init; }

    /// <summary>The conversation the call continues (<c>gen_ai.conversation.id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>How many dimensions the embeddings asked for have (<c>gen_ai.embeddings.dimension.count</c>).</summary>
    public long? EmbeddingDimensions { get; init; }

    /// <summary>The output format asked for (<c>gen_ai.output.type</c>): a constant the generator wrote.</summary>
    public string? OutputType { get; init; }

    /// <summary>The response was streamed (<c>gen_ai.request.stream</c>).</summary>
    public bool Streaming { get; init; }

    /// <summary>Seconds from the call to the stream's first chunk (<c>gen_ai.response.time_to_first_chunk</c>).</summary>
    public double? TimeToFirstChunk { get; init; }

    /// <summary>Captured system instructions as GenAI-convention JSON (<c>gen_ai.system_instructions</c>); null unless capture is on.</summary>
    public string? SystemInstructions { get; init; }

    /// <summary>Captured tool definitions as GenAI-convention JSON (<c>gen_ai.tool.definitions</c>); null unless capture is on.</summary>
    public string? ToolDefinitions { get; init; }

    /// <summary>Whether any request parameter was read (the outputs skip the whole group otherwise).</summary>
    public bool HasRequestParameters =>
        Temperature is not null || MaxTokens is not null || TopP is not null || TopK is not null || Seed is not null
        || StopSequences is not null || FrequencyPenalty is not null || PresencePenalty is not null || ChoiceCount is not null
        || EmbeddingDimensions is not null;
}
