using Tracentic.Core;

namespace Tracentic.Export.Wire;

/// <summary>
/// What sets one wire flavour apart, as data for the one span writer (<see cref="OtlpJsonWriter"/>): how ids are
/// encoded, which parent a span names, whether scopes are spans of their own, how LLM calls are named, the status of a
/// success, which built-in attributes are written under which keys and in which order, and which user attributes give
/// way to them. Everything else about a span (<see cref="SpanSchema"/>) is the same in every flavour.
/// </summary>
internal sealed record WireFlavour
{
    /// <summary>OTLP's span kinds by number.</summary>
    private const int Internal = 1;
    private const int Client = 3;

    /// <summary>The GenAI keys written for every LLM call (the call details' keys count only when the span has the detail).</summary>
    private static readonly HashSet<string> GenAiKeys = new(StringComparer.Ordinal)
    {
        GenAiConventions.OperationName, GenAiConventions.ProviderName, GenAiConventions.RequestModel, GenAiConventions.ResponseModel,
        GenAiConventions.ResponseId, GenAiConventions.FinishReasons, GenAiConventions.InputTokens, GenAiConventions.OutputTokens,
        GenAiConventions.CacheReadInputTokens, GenAiConventions.CacheCreationInputTokens, GenAiConventions.ReasoningOutputTokens,
        GenAiConventions.InputAudioTokens, GenAiConventions.OutputAudioTokens,
        GenAiConventions.ErrorType,
    };

    /// <summary>
    /// The Tracentic ingest (<c>/v1/ingest</c>), as the Python SDK sends it: base64 ids, no scope spans (an LLM span
    /// carries its scope in the <c>tracentic.scope.*</c> attributes), the recorded <c>llm.*</c> span name, kind 3,
    /// status code 1 on success, the <c>llm.*</c> attributes (docs/wire-format.md).
    /// </summary>
    public static readonly WireFlavour TracenticIngest = new()
    {
        HexIds = false,
        TreeParent = false,
        ScopeSpans = false,
        GenAiSpanNames = false,
        LlmCallKind = Client,
        SuccessCode = true,
        Attributes =
        [
            new(SpanAttributeKeys.Provider, SpanSchema.Provider),
            new(SpanAttributeKeys.Model, SpanSchema.Model),
            new(SpanAttributeKeys.ResponseModel, SpanSchema.ResponseModel),
            new(SpanAttributeKeys.FinishReason, SpanSchema.FinishReason),
            new(SpanAttributeKeys.ResponseId, SpanSchema.ResponseId),
            new(SpanAttributeKeys.InputMessages, SpanSchema.InputMessages),
            new(SpanAttributeKeys.OutputMessages, SpanSchema.OutputMessages),
            new(SpanAttributeKeys.SystemInstructions, SpanSchema.SystemInstructions), // captured content goes where the messages go
            new(SpanAttributeKeys.ToolDefinitions, SpanSchema.ToolDefinitions),
            new(SpanAttributeKeys.OperationType, SpanSchema.OperationType),
            new(SpanAttributeKeys.InputTokens, SpanSchema.InputTokens),
            new(SpanAttributeKeys.OutputTokens, SpanSchema.OutputTokens),
            new(SpanAttributeKeys.TotalTokens, SpanSchema.TotalTokens),
            new(SpanAttributeKeys.CacheReadInputTokens, SpanSchema.CacheReadInputTokens),
            new(SpanAttributeKeys.CacheCreationInputTokens, SpanSchema.CacheCreationInputTokens),
            new(SpanAttributeKeys.ReasoningOutputTokens, SpanSchema.ReasoningOutputTokens),
            new(SpanAttributeKeys.DurationMs, SpanSchema.DurationMs),
            new(SpanAttributeKeys.CostUsd, SpanSchema.CostUsd),
            new(SpanAttributeKeys.ErrorType, SpanSchema.ErrorType),
        ],
    };

    /// <summary>
    /// Standard OTLP (<c>/v1/traces</c>) by the specification's JSON mapping: hex ids, scopes as INTERNAL spans with
    /// LLM calls as CLIENT spans under them, named <c>{operation} {model}</c>, status left unset on success, the GenAI
    /// attributes as Microsoft.Extensions.AI writes them and then the ingest's <c>llm.*</c> ones, so a query written
    /// for one flavour reads the other (docs/opentelemetry.md).
    /// </summary>
    public static readonly WireFlavour StandardOtlp = new()
    {
        HexIds = true,
        TreeParent = true,
        ScopeSpans = true,
        GenAiSpanNames = true,
        LlmCallKind = Client,
        ScopeKind = Internal,
        SuccessCode = false,
        ReplacesGenAiUserAttributes = true,
        Attributes =
        [
            new(GenAiConventions.OperationName, SpanSchema.Operation),
            new(GenAiConventions.ProviderName, SpanSchema.Provider),
            new(GenAiConventions.RequestModel, SpanSchema.Model),
            new(GenAiConventions.ResponseModel, SpanSchema.ResponseModel),
            new(GenAiConventions.ResponseId, SpanSchema.ResponseId),
            new(GenAiConventions.FinishReasons, SpanSchema.FinishReasons),
            new(GenAiConventions.InputTokens, SpanSchema.InputTokens),
            new(GenAiConventions.OutputTokens, SpanSchema.OutputTokens),
            new(GenAiConventions.CacheReadInputTokens, SpanSchema.CacheReadInputTokens),
            new(GenAiConventions.CacheCreationInputTokens, SpanSchema.CacheCreationInputTokens),
            new(GenAiConventions.ReasoningOutputTokens, SpanSchema.ReasoningOutputTokens),
            new(GenAiConventions.InputAudioTokens, SpanSchema.InputAudioTokens),
            new(GenAiConventions.OutputAudioTokens, SpanSchema.OutputAudioTokens),
            new(GenAiConventions.ErrorType, SpanSchema.ErrorFullType),
            new(GenAiConventions.CodeFunctionName, SpanSchema.CodeFunction),
            new(GenAiConventions.CodeFilePath, SpanSchema.CodeFilePath),
            new(GenAiConventions.CodeLineNumber, SpanSchema.CodeLine),
            new(GenAiConventions.RequestTemperature, SpanSchema.Temperature),
            new(GenAiConventions.RequestMaxTokens, SpanSchema.MaxTokens),
            new(GenAiConventions.RequestTopP, SpanSchema.TopP),
            new(GenAiConventions.RequestTopK, SpanSchema.TopK),
            new(GenAiConventions.RequestSeed, SpanSchema.Seed),
            new(GenAiConventions.RequestStopSequences, SpanSchema.StopSequences),
            new(GenAiConventions.RequestFrequencyPenalty, SpanSchema.FrequencyPenalty),
            new(GenAiConventions.RequestPresencePenalty, SpanSchema.PresencePenalty),
            new(GenAiConventions.RequestChoiceCount, SpanSchema.ChoiceCount),
            new(GenAiConventions.EmbeddingDimensionCount, SpanSchema.EmbeddingDimensions),
            new(GenAiConventions.OutputType, SpanSchema.OutputType),
            new(GenAiConventions.ConversationId, SpanSchema.ConversationId),
            new(GenAiConventions.RequestStream, SpanSchema.Streaming),
            new(GenAiConventions.ResponseTimeToFirstChunk, SpanSchema.TimeToFirstChunk),
            new(GenAiConventions.SystemInstructions, SpanSchema.SystemInstructions),
            new(GenAiConventions.ToolDefinitions, SpanSchema.ToolDefinitions),
            new(SpanAttributeKeys.Provider, SpanSchema.Provider),
            new(SpanAttributeKeys.Model, SpanSchema.Model),
            new(SpanAttributeKeys.ResponseModel, SpanSchema.ResponseModel),
            new(SpanAttributeKeys.FinishReason, SpanSchema.FinishReason),
            new(SpanAttributeKeys.ResponseId, SpanSchema.ResponseId),
            new(SpanAttributeKeys.InputMessages, SpanSchema.InputMessages),
            new(SpanAttributeKeys.OutputMessages, SpanSchema.OutputMessages),
            new(SpanAttributeKeys.OperationType, SpanSchema.OperationType),
            new(SpanAttributeKeys.InputTokens, SpanSchema.InputTokens),
            new(SpanAttributeKeys.OutputTokens, SpanSchema.OutputTokens),
            new(SpanAttributeKeys.TotalTokens, SpanSchema.TotalTokens),
            new(SpanAttributeKeys.DurationMs, SpanSchema.DurationMs),
            new(SpanAttributeKeys.CostUsd, SpanSchema.CostUsd),
            new(SpanAttributeKeys.ErrorType, SpanSchema.ErrorType),
        ],
    };

    /// <summary>Ids as lowercase hex (the OTLP/JSON specification), else base64 (the protobuf JSON mapping the Python SDK sends).</summary>
    public required bool HexIds { get; init; }

    /// <summary>
    /// The parent named is the span's parent in the span tree (the scope's span, which this flavour sends), else the
    /// activity the span was recorded under (<see cref="ResolvedSpan.ParentSpanId"/>).
    /// </summary>
    public required bool TreeParent { get; init; }

    /// <summary>Ended scopes are spans of their own, of <see cref="ScopeKind"/>, carrying no built-in value; else every span is an LLM call.</summary>
    public required bool ScopeSpans { get; init; }

    /// <summary>LLM calls are named <c>{operation} {model}</c> (the GenAI conventions), else by their recorded <c>llm.*</c> name.</summary>
    public required bool GenAiSpanNames { get; init; }

    public required int LlmCallKind { get; init; }

    public int ScopeKind { get; init; } = Internal;

    /// <summary>A success has status code 1 (OK), else its status is left unset, as instrumentations leave it. An error is code 2 with its message.</summary>
    public required bool SuccessCode { get; init; }

    /// <summary>
    /// A user attribute whose key this flavour writes itself (a GenAI key, or a call detail the span has) is left out
    /// rather than written twice. The <c>llm.*</c> and <c>tracentic.scope.*</c> keys need no such rule: the resolver
    /// drops user attributes that use them (<see cref="SpanAttributeKeys.Reserved"/>).
    /// </summary>
    public bool ReplacesGenAiUserAttributes { get; init; }

    /// <summary>An LLM call's built-in attributes, in the order written; one without a value is left out.</summary>
    public required WireAttribute[] Attributes { get; init; }

    /// <summary>Whether a user attribute with <paramref name="key"/> gives way to one this flavour writes for <paramref name="span"/>.</summary>
    public bool Replaces(ResolvedSpan span, string key) =>
        ReplacesGenAiUserAttributes && (GenAiKeys.Contains(key) || (span.Details is { } details && CallDetailsKeys.Written(details, key)));
}
