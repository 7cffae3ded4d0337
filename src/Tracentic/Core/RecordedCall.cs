namespace Tracentic.Core;

/// <summary>
/// What was recorded of one LLM call (or, for an ended scope, its times): only immutable references and copies, so the
/// caller can reuse its own objects at once. A caller fills in what it knows; the engine's <c>Record</c> settles the
/// rest once (times in order, tokens sanitized, the ambient context) and nothing changes it afterwards. Telemetry reads
/// it as it is; outputs read it inside a <see cref="RecordedSpan"/>.
/// </summary>
internal readonly struct RecordedCall
{
    public TracenticScope? Scope { get; init; }

    /// <summary>The request the call was made in (ASP.NET Core), captured when it started or was recorded.</summary>
    public TracenticRequestContext? Request { get; init; }

    /// <summary>The process-wide context when the call started or was recorded.</summary>
    public IReadOnlyDictionary<string, object?>? GlobalContext { get; init; }

    /// <summary>Nanoseconds since 1970, within what OTLP can hold (see <see cref="UnixNanos"/>).</summary>
    public long StartUnixNanos { get; init; }

    /// <summary>Never before <see cref="StartUnixNanos"/> once recorded.</summary>
    public long EndUnixNanos { get; init; }

    public string? Provider { get; init; }

    /// <summary>The model asked for (<c>llm.request.model</c>); cost is looked up by it first.</summary>
    public string? Model { get; init; }

    /// <summary>The model that answered (<c>llm.response.model</c>), often a dated snapshot of the one asked for.</summary>
    public string? ResponseModel { get; init; }

    public string? FinishReason { get; init; }

    public string? ResponseId { get; init; }

    /// <summary>Captured content (<c>gen_ai.input.messages</c>/<c>gen_ai.output.messages</c> JSON); null unless capture is on.</summary>
    public string? InputMessages { get; init; }

    public string? OutputMessages { get; init; }

    public string? OperationType { get; init; }

    /// <summary>Never negative once recorded.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Never negative once recorded.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Cache and reasoning counts; null unless the provider reported some.</summary>
    public RecordedTokenDetails? TokenDetails { get; init; }

    /// <summary>Call site, request parameters, stream timing and captured instructions; null for a span recorded by hand.</summary>
    public RecordedCallDetails? Details { get; init; }

    public KeyValuePair<string, object?>[]? Attributes { get; init; }

    /// <summary>What went wrong, for an error span; null for success (one reference: most spans succeed).</summary>
    public RecordedError? Error { get; init; }

    /// <summary>The exception's short type name (<c>llm.error.type</c>); set for an error span only.</summary>
    public string? ErrorType => Error?.Type;

    /// <summary><c>error.type</c> of the GenAI conventions: the exception's full type name.</summary>
    public string? ErrorFullType => Error?.FullType;

    public string? ErrorMessage => Error?.Message;

    /// <summary>The call's cost by <paramref name="pricing"/> (see <see cref="SpanCost"/>).</summary>
    public double? Cost(IReadOnlyDictionary<string, ModelPricing> pricing) =>
        SpanCost.Of(Model, ResponseModel, InputTokens, OutputTokens, TokenDetails, failed: Error is not null, pricing);
}
