namespace Tracentic.Core;

/// <summary>The attribute keys of the wire contract (DESIGN.md), exactly as the ingest API expects them.</summary>
internal static class SpanAttributeKeys
{
    public const string Provider = "llm.provider";
    public const string Model = "llm.request.model";
    public const string ResponseModel = "llm.response.model";
    public const string FinishReason = "llm.response.finish_reason";
    public const string ResponseId = "llm.response.id";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    /// <summary>Captured content beside the messages: the ingest gets them under the GenAI conventions' names, as it gets the messages.</summary>
    public const string SystemInstructions = GenAiConventions.SystemInstructions;
    public const string ToolDefinitions = GenAiConventions.ToolDefinitions;
    public const string OperationType = "llm.request.type";
    public const string InputTokens = "llm.usage.input_tokens";
    public const string OutputTokens = "llm.usage.output_tokens";
    public const string TotalTokens = "llm.usage.total_tokens";
    /// <summary>Cache and reasoning counts: no <c>llm.*</c> name exists for them, both flavours use the GenAI conventions' names.</summary>
    public const string CacheReadInputTokens = GenAiConventions.CacheReadInputTokens;
    public const string CacheCreationInputTokens = GenAiConventions.CacheCreationInputTokens;
    public const string ReasoningOutputTokens = GenAiConventions.ReasoningOutputTokens;
    public const string DurationMs = "llm.duration_ms";
    public const string CostUsd = "llm.cost.total_usd";
    public const string ErrorType = "llm.error.type";
    public const string ScopeId = "tracentic.scope.id";
    public const string ScopeName = "tracentic.scope.name";
    public const string ScopeStartedAt = "tracentic.scope.started_at";
    public const string ScopeParentId = "tracentic.scope.parent_id";
    public const string ScopeCorrelationId = "tracentic.scope.correlation_id";

    /// <summary>Keys the SDK writes itself; a user attribute with one of them is dropped, not duplicated.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        Provider, Model, ResponseModel, FinishReason, ResponseId, InputMessages, OutputMessages, OperationType, InputTokens, OutputTokens, TotalTokens, DurationMs, CostUsd, ErrorType,
        CacheReadInputTokens, CacheCreationInputTokens, ReasoningOutputTokens, SystemInstructions, ToolDefinitions,
        ScopeId, ScopeName, ScopeStartedAt, ScopeParentId, ScopeCorrelationId,
    };
}
