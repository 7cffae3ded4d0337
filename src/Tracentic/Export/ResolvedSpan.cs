namespace Tracentic.Export;

/// <summary>
/// A span ready to be written in any wire flavour: ids assigned, times clamped, built-in values computed (total
/// tokens, rounded duration, cost), user attributes merged over every layer with the limits applied. Writers only
/// serialize it. Created once per recorded span, so a retried span keeps its span id.
/// </summary>
internal sealed class ResolvedSpan
{
    public required ulong TraceIdHigh { get; init; }
    public required ulong TraceIdLow { get; init; }
    public required ulong SpanId { get; init; }

    /// <summary>The parent span (the <c>Activity</c> the span was recorded under); 0 for none.</summary>
    public required ulong ParentSpanId { get; init; }

    /// <summary><c>llm.{provider}.{operation}</c>, <c>llm.{provider}</c> or <c>llm.call</c>.</summary>
    public required string Name { get; init; }
    public required long StartUnixNanos { get; init; }
    public required long EndUnixNanos { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }

    /// <summary>The model the provider answered with, when the response names one.</summary>
    public string? ResponseModel { get; init; }
    public string? FinishReason { get; init; }
    public string? ResponseId { get; init; }

    /// <summary>Captured content (opt-in), as GenAI-convention JSON, already bounded when captured.</summary>
    public string? InputMessages { get; init; }
    public string? OutputMessages { get; init; }
    public string? OperationType { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    public long? TotalTokens { get; init; }
    public required long DurationMs { get; init; }
    public double? CostUsd { get; init; }
    public string? ErrorType { get; init; }

    /// <summary>The status message of an error span; null for success.</summary>
    public string? ErrorMessage { get; init; }
    public ResolvedScope? Scope { get; init; }

    /// <summary>Merged user attributes, highest layer first; keys are non-empty and unique.</summary>
    public required ResolvedAttribute[] Attributes { get; init; }
}
