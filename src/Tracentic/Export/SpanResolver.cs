using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Turns a recorded span into a <see cref="ResolvedSpan"/>: ids, clamped times, built-in values (saturating token
/// total, rounded duration, cost) and the user attributes merged over every layer. Limits apply to user attributes
/// only; built-ins and the status message are cut only at the platform maximum. Layers that many spans share
/// (scope, request, global context, options) are normalized once. Thread-safe.
/// </summary>
internal sealed class SpanResolver
{
    private readonly object _gate = new();
    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly ConditionalWeakTable<object, ResolvedAttribute[]> _layers = new();
    private readonly ConditionalWeakTable<TracenticScope, ResolvedScope> _scopes = new();
    private readonly ResolvedAttribute[] _optionsLayer;
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string?, string?), string> _names = [];
    private readonly ConditionalWeakTable<object, ResolvedAttribute[]>.CreateValueCallback _normalizeLayer;

    public SpanResolver(TracenticSettings settings, TracenticLog log)
    {
        _settings = settings;
        _log = log;
        _optionsLayer = Normalize(settings.GlobalAttributes);
        _normalizeLayer = layer => Normalize((IReadOnlyDictionary<string, object?>)layer);
    }

    /// <summary>Span name of the wire contract: <c>llm.{provider}.{operation}</c>, <c>llm.{provider}</c> or <c>llm.call</c>.</summary>
    public static string SpanName(string? provider, string? operation) => (provider, operation) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => $"llm.{provider}.{operation}",
        ({ Length: > 0 }, _) => $"llm.{provider}",
        _ => "llm.call",
    };

    /// <summary>Fills <paramref name="into"/> (an export attempt's reused instance) with the span's resolved form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Resolve(RecordedSpan span, ResolvedSpan into)
    {
        lock (_gate)
        {
            Fill(span, into);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(RecordedSpan span, ResolvedSpan into)
    {
        // Ids come from the span's trace identity (stamped when it was recorded), so every output and every attempt
        // names the same span; a span recorded without one gets it here, once.
        if (span.Trace.IsEmpty)
        {
            span.Trace = new Telemetry.TraceIdentity(RandomNonZero(), RandomNonZero(), RandomNonZero());
        }

        var trace = span.Trace;
        long? total = span.InputTokens is { } i && span.OutputTokens is { } o
            ? (i > long.MaxValue - o ? long.MaxValue : i + o) // saturating: both are non-negative
            : null;
        var end = Math.Max(span.EndUnixNanos, span.StartUnixNanos);
        into.TraceIdHigh = trace.TraceHigh;
        into.TraceIdLow = trace.TraceLow;
        into.SpanId = trace.SpanId;
        into.ParentSpanId = span.ActivityParentSpanId;
        into.TreeParentSpanId = span.ParentSpanId;
        into.IsScope = span.IsScope;
        into.Name = span.IsScope && span.Scope is { } named ? _scopes.GetValue(named, ResolveScope).Name : Name(span.Provider, span.OperationType);
        into.StartUnixNanos = span.StartUnixNanos;
        into.EndUnixNanos = end;
        into.Provider = BuiltIn(span.Provider);
        into.Model = BuiltIn(span.Model);
        into.ResponseModel = BuiltIn(span.ResponseModel);
        into.FinishReason = BuiltIn(span.FinishReason);
        into.ResponseId = BuiltIn(span.ResponseId);
        into.InputMessages = span.InputMessages;
        into.OutputMessages = span.OutputMessages;
        into.OperationType = BuiltIn(span.OperationType);
        into.InputTokens = span.InputTokens;
        into.OutputTokens = span.OutputTokens;
        into.TotalTokens = total;
        into.CacheReadInputTokens = span.TokenDetails?.CacheRead;
        into.CacheCreationInputTokens = span.TokenDetails?.CacheWrite;
        into.ReasoningOutputTokens = span.TokenDetails?.Reasoning;

        // Rounded like Python's round() (half to even), as the Python SDK does.
        into.DurationMs = (long)Math.Round((end - span.StartUnixNanos) / 1e6, MidpointRounding.ToEven);
        into.CostUsd = Cost(span);
        into.ErrorType = BuiltIn(span.ErrorType);
        into.ErrorFullType = BuiltIn(span.ErrorFullType);
        into.ErrorMessage = span.ErrorType is null ? null : BuiltIn(span.ErrorMessage ?? "");
        into.Scope = span.Scope is { } s ? _scopes.GetValue(s, ResolveScope) : null;
        into.Details = span.Details;
        MergeUserAttributes(span, into.Attributes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Name(string? provider, string? operation)
    {
        if (!_names.TryGetValue((provider, operation), out var name))
        {
            if (_names.Count >= 1024)
            {
                _names.Clear(); // many distinct providers (e.g. from user input): stay bounded
            }

            name = BuiltIn(SpanName(provider, operation))!;
            _names[(provider, operation)] = name;
        }

        return name;
    }

    private static string? BuiltIn(string? text) => text is null ? null : JsonText.Clean(text, AttributeLimits.PlatformMaxStringValueLength);

    private static ResolvedScope ResolveScope(TracenticScope scope) => new(
        scope.Id,
        BuiltIn(scope.Name)!,
        scope.StartedAtText,
        BuiltIn(scope.ParentId),
        BuiltIn(scope.CorrelationId));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double? Cost(RecordedSpan span)
    {
        // Priced by the model asked for, else by the one that answered (a dated snapshot such as gpt-4o-mini-2024-07-18).
        if (span.Cost(_settings.Pricing) is { } cost)
        {
            return cost;
        }

        if (span.ErrorType is not null || span.Model is not { } model || span.InputTokens is null || span.OutputTokens is null)
        {
            return null;
        }

        if (_log.FirstTime("pricing:" + model))
        {
            _log.Logger.MissingPricing(model);
        }

        return null;
    }

    /// <summary>
    /// Merges span &gt; scope &gt; request &gt; global context &gt; options globals: the first layer to name a key wins,
    /// a null value hides the key from lower layers, and at the count cap the lower layers lose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeUserAttributes(RecordedSpan span, List<ResolvedAttribute> merged)
    {
        _seenKeys.Clear();
        merged.Clear();
        var capped = false;
        if (span.Attributes is { } own)
        {
            span.OwnAttributes ??= NormalizeOwn(own);
            AdmitLayer(span.OwnAttributes, merged, ref capped);
        }

        if (span.Scope is { Attributes.Count: > 0 } scope)
        {
            AdmitLayer(Layer(scope.Attributes), merged, ref capped);
        }

        if (span.Request is { Attributes.Count: > 0 } request)
        {
            AdmitLayer(Layer(request.Attributes), merged, ref capped);
        }

        if (span.GlobalContext is { Count: > 0 } context)
        {
            AdmitLayer(Layer(context), merged, ref capped);
        }

        AdmitLayer(_optionsLayer, merged, ref capped);
        if (capped && _log.FirstTime("attribute-count"))
        {
            _log.Logger.AttributeCountCapped(_settings.Limits.MaxAttributeCount);
        }
    }

    /// <summary>The span's own attributes in order, unusable keys left out; a repeated key keeps its first value.</summary>
    private ResolvedAttribute[] NormalizeOwn(KeyValuePair<string, object?>[] own)
    {
        var entries = new List<ResolvedAttribute>(own.Length);
        foreach (var (key, value) in own)
        {
            if (NormalizeOne(key, value) is { } attribute)
            {
                entries.Add(attribute);
            }
        }

        return [.. entries];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdmitLayer(ResolvedAttribute[] layer, List<ResolvedAttribute> merged, ref bool capped)
    {
        foreach (var attribute in layer)
        {
            Admit(attribute, merged, ref capped);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Admit(ResolvedAttribute attribute, List<ResolvedAttribute> merged, ref bool capped)
    {
        if (!_seenKeys.Add(attribute.Key) || attribute.Value.Kind == AttributeKind.None)
        {
            return; // named by a higher layer, or hidden by a null
        }

        if (merged.Count >= _settings.Limits.MaxAttributeCount)
        {
            capped = true;
            return;
        }

        merged.Add(attribute);
    }

    private ResolvedAttribute[] Layer(IReadOnlyDictionary<string, object?> attributes) => _layers.GetValue(attributes, _normalizeLayer);

    private ResolvedAttribute[] Normalize(IReadOnlyDictionary<string, object?> attributes)
    {
        var entries = new List<ResolvedAttribute>(attributes.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (NormalizeOne(key, value) is { } attribute && keys.Add(attribute.Key))
            {
                entries.Add(attribute);
            }
        }

        return [.. entries];
    }

    /// <summary>The attribute with its key cleaned and value normalized; a hidden marker for null; nothing for unusable keys.</summary>
    private ResolvedAttribute? NormalizeOne(string? rawKey, object? value)
    {
        if (string.IsNullOrEmpty(rawKey))
        {
            return null; // OTLP keys must not be empty
        }

        var key = JsonText.Clean(rawKey, _settings.Limits.MaxKeyLength);
        if (SpanAttributeKeys.Reserved.Contains(key))
        {
            if (_log.FirstTime("reserved:" + key))
            {
                _log.Logger.ReservedAttribute(key);
            }

            return null;
        }

        return AttributeValue.TryCreate(value, _settings.Limits, out var normalized)
            ? new ResolvedAttribute(key, normalized)
            : new ResolvedAttribute(key, default); // Kind None: hides the key in lower layers
    }

    private static ulong RandomNonZero()
    {
        ulong value;
        do
        {
            value = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (value == 0);
        return value;
    }
}
