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

    /// <summary>
    /// The parent the Tracentic ingest names: the <c>Activity</c> the span was recorded under, when it is in the span's
    /// trace; 0 for none. The ingest gets no scope spans, so it links LLM spans to scopes by attributes instead.
    /// </summary>
    public required ulong ParentSpanId { get; init; }

    /// <summary>
    /// The parent in the span tree, which standard OTLP names: the scope's span (that output sends scopes), else the
    /// activity the span joined; 0 for a trace root.
    /// </summary>
    public ulong TreeParentSpanId { get; init; }

    /// <summary>An ended scope (sent only by outputs that send scopes): <see cref="Name"/> is the scope's name.</summary>
    public bool IsScope { get; init; }

    /// <summary><c>llm.{provider}.{operation}</c>, <c>llm.{provider}</c> or <c>llm.call</c>; a scope's name for a scope span.</summary>
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

    /// <summary>The exception's full type name (<c>error.type</c> of the GenAI conventions).</summary>
    public string? ErrorFullType { get; init; }

    /// <summary>The status message of an error span; null for success.</summary>
    public string? ErrorMessage { get; init; }
    public ResolvedScope? Scope { get; init; }

    /// <summary>Merged user attributes, highest layer first; keys are non-empty and unique.</summary>
    public required ResolvedAttribute[] Attributes { get; init; }
}
