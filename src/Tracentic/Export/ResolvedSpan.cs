namespace Tracentic.Export;

/// <summary>
/// A span ready to be written in any wire flavour: ids assigned, times clamped, built-in values computed (total
/// tokens, rounded duration, cost), user attributes merged over every layer with the limits applied. Writers only
/// serialize it. Made once per span and shared by every output and every attempt; reused for a later span once every
/// output has settled it (see <see cref="ResolvedSpans"/>), so the export thread makes no garbage per span.
/// </summary>
internal sealed class ResolvedSpan
{
    public ulong TraceIdHigh { get; set; }
    public ulong TraceIdLow { get; set; }
    public ulong SpanId { get; set; }

    /// <summary>
    /// The parent the Tracentic ingest names: the <c>Activity</c> the span was recorded under, when it is in the span's
    /// trace; 0 for none. The ingest gets no scope spans, so it links LLM spans to scopes by attributes instead.
    /// </summary>
    public ulong ParentSpanId { get; set; }

    /// <summary>
    /// The parent in the span tree, which standard OTLP names: the scope's span (that output sends scopes), else the
    /// activity the span joined; 0 for a trace root.
    /// </summary>
    public ulong TreeParentSpanId { get; set; }

    /// <summary>An ended scope (sent only by outputs that send scopes): <see cref="Name"/> is the scope's name.</summary>
    public bool IsScope { get; set; }

    /// <summary><c>llm.{provider}.{operation}</c>, <c>llm.{provider}</c> or <c>llm.call</c>; a scope's name for a scope span.</summary>
    public string Name { get; set; } = "";
    public long StartUnixNanos { get; set; }
    public long EndUnixNanos { get; set; }
    public string? Provider { get; set; }
    public string? Model { get; set; }

    /// <summary>The model the provider answered with, when the response names one.</summary>
    public string? ResponseModel { get; set; }
    public string? FinishReason { get; set; }
    public string? ResponseId { get; set; }

    /// <summary>Captured content (opt-in), as GenAI-convention JSON, already bounded when captured.</summary>
    public string? InputMessages { get; set; }
    public string? OutputMessages { get; set; }
    public string? OperationType { get; set; }
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
    public long? TotalTokens { get; set; }
    public long? CacheReadInputTokens { get; set; }
    public long? CacheCreationInputTokens { get; set; }
    public long? ReasoningOutputTokens { get; set; }

    /// <summary>The input and output tokens by modality (standard OTLP only: the ingest has no such attributes).</summary>
    public Core.RecordedTokenDetails? TokenDetails { get; set; }
    public long DurationMs { get; set; }
    public double? CostUsd { get; set; }
    public string? ErrorType { get; set; }

    /// <summary>The exception's full type name (<c>error.type</c> of the GenAI conventions).</summary>
    public string? ErrorFullType { get; set; }

    /// <summary>The status message of an error span; null for success.</summary>
    public string? ErrorMessage { get; set; }
    public ResolvedScope? Scope { get; set; }

    /// <summary>Call site, request parameters, stream timing and captured instructions (already clean); null for a span recorded by hand.</summary>
    public Core.RecordedCallDetails? Details { get; set; }

    /// <summary>
    /// How many outputs may still write this span: set when it is resolved, counted down as each output settles it or
    /// can no longer take it. At 0 it is free for reuse. Export thread only.
    /// </summary>
    public int Holders { get; set; }

    /// <summary>Merged user attributes, highest layer first; keys are non-empty and unique.</summary>
    public List<ResolvedAttribute> Attributes { get; } = [];

    /// <summary>Every value back to its default, so a span kept for reuse keeps nothing it referred to alive.</summary>
    public void Reset()
    {
        TraceIdHigh = TraceIdLow = SpanId = ParentSpanId = TreeParentSpanId = 0;
        IsScope = false;
        Name = "";
        StartUnixNanos = EndUnixNanos = DurationMs = 0;
        Provider = Model = ResponseModel = FinishReason = ResponseId = InputMessages = OutputMessages = OperationType = null;
        InputTokens = OutputTokens = TotalTokens = CacheReadInputTokens = CacheCreationInputTokens = ReasoningOutputTokens = null;
        TokenDetails = null;
        CostUsd = null;
        ErrorType = ErrorFullType = ErrorMessage = null;
        Scope = null;
        Details = null;
        Holders = 0;
        Attributes.Clear();
    }
}
