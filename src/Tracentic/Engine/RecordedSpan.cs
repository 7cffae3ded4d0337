using Tracentic.Export;

namespace Tracentic.Engine;

/// <summary>
/// What recording captured of one LLM call: only immutable references and copies, so the caller can reuse
/// its span object at once. Merging, limits, cost and JSON happen later, on the export side.
/// </summary>
internal sealed class RecordedSpan
{
    public TracenticScope? Scope;
    public TracenticRequestContext? Request;
    public IReadOnlyDictionary<string, object?>? GlobalContext;
    public long StartUnixNanos;
    public long EndUnixNanos;
    public string? Provider;
    /// <summary>The model asked for (<c>llm.request.model</c>); cost is looked up by it first.</summary>
    public string? Model;
    /// <summary>The model that answered (<c>llm.response.model</c>), often a dated snapshot of the one asked for.</summary>
    public string? ResponseModel;
    public string? FinishReason;
    public string? ResponseId;
    /// <summary>Captured content (<c>gen_ai.input.messages</c>/<c>gen_ai.output.messages</c> JSON); null unless capture is on.</summary>
    public string? InputMessages;
    public string? OutputMessages;
    public string? OperationType;
    public long? InputTokens;
    public long? OutputTokens;
    /// <summary>Cache and reasoning counts; null unless the provider reported some.</summary>
    public RecordedTokenDetails? TokenDetails;
    /// <summary>Call site, request parameters, stream timing and captured instructions; null for a span recorded by hand.</summary>
    public RecordedCallDetails? Details;
    public KeyValuePair<string, object?>[]? Attributes;
    /// <summary>What went wrong, for an error span; null for success (one reference: most spans succeed).</summary>
    public RecordedError? Error;

    /// <summary>The exception's short type name (<c>llm.error.type</c>); setting it makes this an error span.</summary>
    public string? ErrorType
    {
        get => Error?.Type;
        set
        {
            if (value is not null || Error is not null)
            {
                (Error ??= new()).Type = value; // null on a successful span allocates nothing
            }
        }
    }

    public string? ErrorMessage
    {
        get => Error?.Message;
        set
        {
            if (value is not null || Error is not null)
            {
                (Error ??= new()).Message = value; // null on a successful span allocates nothing
            }
        }
    }

    /// <summary><c>error.type</c> of the GenAI conventions: the exception's full type name.</summary>
    public string? ErrorFullType
    {
        get => Error?.FullType;
        set
        {
            if (value is not null || Error is not null)
            {
                (Error ??= new()).FullType = value; // null on a successful span allocates nothing
            }
        }
    }

    /// <summary>
    /// An ended scope rather than an LLM call: only outputs that send scope spans get it (standard OTLP, see
    /// <see cref="IExportOutput.SendsScopes"/>); the Tracentic ingest links LLM spans to scopes by attributes instead.
    /// </summary>
    public bool IsScope;

    /// <summary>The trace (of the scope tree, or of the activity it joined) and this span's own id, for every output.</summary>
    public Telemetry.TraceIdentity Trace;

    /// <summary>The span this one hangs from: its scope's span, else the activity it was recorded under; 0 for none.</summary>
    public ulong ParentSpanId;

    /// <summary>The span id of the recording thread's ambient activity when it is in the span's trace (the ingest names it as parent); 0 for none.</summary>
    public ulong ActivityParentSpanId;

    /// <summary>The span's own attributes, normalized once by the export side (user <c>ToString</c> runs once, however many attempts and outputs).</summary>
    public ResolvedAttribute[]? OwnAttributes;

    [ThreadStatic]
    private static RecordedSpan? t_scratch;

    /// <summary>
    /// A cleared instance for a span that no output will export (it only feeds the in-process telemetry, synchronously):
    /// the thread's scratch instance, or a new one while that is in use. Give it back with <see cref="ReturnScratch"/>.
    /// </summary>
    public static RecordedSpan TakeScratch()
    {
        var scratch = t_scratch;
        if (scratch is null)
        {
            return new RecordedSpan();
        }

        t_scratch = null;
        return scratch;
    }

    public static void ReturnScratch(RecordedSpan span)
    {
        span.Scope = null;
        span.Request = null;
        span.GlobalContext = null;
        span.StartUnixNanos = span.EndUnixNanos = 0;
        span.Provider = span.Model = span.ResponseModel = span.FinishReason = span.ResponseId = null;
        span.InputMessages = span.OutputMessages = span.OperationType = null;
        span.InputTokens = span.OutputTokens = null;
        span.TokenDetails = null;
        span.Details = null;
        span.Attributes = null;
        span.Error = null;
        span.IsScope = false;
        span.Trace = default;
        span.ParentSpanId = span.ActivityParentSpanId = 0;
        span.OwnAttributes = null;
        t_scratch = span;
    }

    /// <summary>
    /// The call's cost by <paramref name="pricing"/>: with input and output tokens, a successful call, and a price
    /// for the model asked for (else the one that answered). Cache and reasoning tokens at their own prices.
    /// </summary>
    public double? Cost(IReadOnlyDictionary<string, ModelPricing> pricing)
    {
        if (ErrorType is not null || Model is not { } model || InputTokens is not { } input || OutputTokens is not { } output
            || !(pricing.TryGetValue(model, out var price) || (ResponseModel is { } answered && pricing.TryGetValue(answered, out price))))
        {
            return null;
        }

        return TokenDetails is { } details
            ? price.CostOf(input, output, details.CacheRead, details.CacheWrite, details.Reasoning, details.CacheSeparate)
            : price.CostOf(input, output);
    }

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>The latest time OTLP's unsigned 64-bit nanoseconds can hold that a signed long can too (year 2262).</summary>
    private const long MaxUnixTicks = long.MaxValue / 100;

    /// <summary>Nanoseconds since 1970 for OTLP, clamped to what it can represent (no negative values, no overflow).</summary>
    public static long ToUnixNanos(DateTimeOffset time, out bool clamped)
    {
        var ticks = time.UtcTicks - UnixEpochTicks;
        clamped = ticks < 0 || ticks > MaxUnixTicks;
        return Math.Clamp(ticks, 0, MaxUnixTicks) * 100;
    }

    public static long ToUnixNanos(DateTimeOffset time) => ToUnixNanos(time, out _);

    public static KeyValuePair<string, object?>[]? CopyAttributes(Dictionary<string, object?>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        var copy = new KeyValuePair<string, object?>[attributes.Count];
        var i = 0;
        foreach (var pair in attributes)
        {
            copy[i++] = pair;
        }

        return copy;
    }
}
