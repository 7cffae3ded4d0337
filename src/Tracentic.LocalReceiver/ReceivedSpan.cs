using System.Globalization;

namespace Tracentic.Local;

/// <summary>
/// One span as the receiver got it, parsed from OTLP/HTTP JSON. Ids are lowercase hex whatever encoding was sent.
/// The typed properties read the attributes of the Tracentic wire contract.
/// </summary>
public sealed class ReceivedSpan
{
    /// <summary>Trace id: 32 lowercase hex characters.</summary>
    public required string TraceId { get; init; }

    /// <summary>Span id: 16 lowercase hex characters.</summary>
    public required string SpanId { get; init; }

    /// <summary>Parent span id (16 hex characters), when the span has one.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary>Span name, e.g. <c>llm.openai.chat</c>.</summary>
    public required string Name { get; init; }

    /// <summary>OTLP span kind (3 = CLIENT for Tracentic LLM spans).</summary>
    public int Kind { get; init; }

    /// <summary>Start time in nanoseconds since the Unix epoch.</summary>
    public long StartTimeUnixNano { get; init; }

    /// <summary>End time in nanoseconds since the Unix epoch.</summary>
    public long EndTimeUnixNano { get; init; }

    /// <summary>Attributes: string, long, double, bool, a list for arrays, a dictionary for key-value lists, byte[] for bytes.</summary>
    public required IReadOnlyDictionary<string, object?> Attributes { get; init; }

    /// <summary>OTLP status code: 0 unset, 1 ok, 2 error.</summary>
    public int StatusCode { get; init; }

    /// <summary>Status message (the exception message of an error span).</summary>
    public string? StatusMessage { get; init; }

    /// <summary>The service that sent the span.</summary>
    public required ReceivedResource Resource { get; init; }

    /// <summary>Instrumentation scope name (<c>"Tracentic"</c> for the SDK).</summary>
    public string? InstrumentationScopeName { get; init; }

    /// <summary>Instrumentation scope version (the SDK version).</summary>
    public string? InstrumentationScopeVersion { get; init; }

    /// <summary>An attribute value, or null when absent.</summary>
    public object? this[string key] => Attributes.TryGetValue(key, out var value) ? value : null;

    /// <summary><c>service.name</c> of the sender.</summary>
    public string ServiceName => Resource.ServiceName;

    /// <summary>Start time.</summary>
    public DateTimeOffset StartTime => DateTimeOffset.UnixEpoch.AddTicks(StartTimeUnixNano / 100);

    /// <summary>End minus start.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Math.Max(0, EndTimeUnixNano - StartTimeUnixNano) / 100);

    /// <summary><c>llm.provider</c>.</summary>
    public string? Provider => this["llm.provider"] as string;

    /// <summary><c>llm.request.model</c>.</summary>
    public string? Model => this["llm.request.model"] as string;

    /// <summary><c>llm.request.type</c>.</summary>
    public string? OperationType => this["llm.request.type"] as string;

    /// <summary><c>llm.usage.input_tokens</c>.</summary>
    public long? InputTokens => this["llm.usage.input_tokens"] as long?;

    /// <summary><c>llm.usage.output_tokens</c>.</summary>
    public long? OutputTokens => this["llm.usage.output_tokens"] as long?;

    /// <summary><c>llm.usage.total_tokens</c>.</summary>
    public long? TotalTokens => this["llm.usage.total_tokens"] as long?;

    /// <summary><c>llm.cost.total_usd</c>.</summary>
    public double? CostUsd => this["llm.cost.total_usd"] switch
    {
        double d => d,
        long l => l,
        _ => null,
    };

    /// <summary><c>llm.duration_ms</c>.</summary>
    public long? DurationMs => this["llm.duration_ms"] as long?;

    /// <summary><c>llm.error.type</c>: the exception type name of a failed call.</summary>
    public string? ErrorType => this["llm.error.type"] as string;

    /// <summary>Whether the call failed (error status or an error type).</summary>
    public bool IsError => StatusCode == 2 || ErrorType is not null;

    /// <summary><c>tracentic.scope.id</c>; null for a scopeless span.</summary>
    public string? ScopeId => this["tracentic.scope.id"] as string;

    /// <summary><c>tracentic.scope.name</c>.</summary>
    public string? ScopeName => this["tracentic.scope.name"] as string;

    /// <summary><c>tracentic.scope.parent_id</c>: the parent scope, possibly in another service.</summary>
    public string? ScopeParentId => this["tracentic.scope.parent_id"] as string;

    /// <summary><c>tracentic.scope.correlation_id</c>.</summary>
    public string? CorrelationId => this["tracentic.scope.correlation_id"] as string;

    /// <summary><c>tracentic.scope.started_at</c>, parsed.</summary>
    public DateTimeOffset? ScopeStartedAt =>
        this["tracentic.scope.started_at"] is string text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started)
            ? started
            : null;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({SpanId}) in {ScopeName ?? "no scope"}";
}
