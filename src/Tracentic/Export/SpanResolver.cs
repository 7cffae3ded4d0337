using System.Globalization;
using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Turns a recorded span into a <see cref="ResolvedSpan"/>: ids, clamped times, built-in values (saturating token
/// total, rounded duration, cost) and the user attributes merged over every layer. Limits apply to user attributes
/// only; built-ins and the status message are cut only at the platform maximum. Layers that many spans share
/// (scope, request, global context, options) are normalized once. Each span is resolved once, on the export thread
/// (the only caller: the resolver is not thread-safe), whatever the number of outputs; the recorded span is only read.
/// </summary>
internal sealed class SpanResolver
{
    private const int MaxCachedTextLength = 256;

    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly ConditionalWeakTable<object, ResolvedAttribute[]> _layers = new();
    private readonly ConditionalWeakTable<TracenticScope, ResolvedScope> _scopes = new();
    private readonly ResolvedAttribute[] _optionsLayer;
    private readonly SeenKeys _seenKeys = new();
    private readonly (string Key, object Value, ResolvedAttribute Resolved)[] _ownAttributes = new (string, object, ResolvedAttribute)[256];
    private readonly Dictionary<(string?, string?), string> _names = [];
    private readonly RecentPairs<string> _recentNames = new();
    private readonly HashSet<string> _unpriced = new(StringComparer.Ordinal); // models warned about (bounded)
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

    /// <summary>
    /// The span's resolved form, which every output writes, in <paramref name="into"/> (new or reused: every value is
    /// set, none is kept from before). Returns <paramref name="into"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ResolvedSpan Resolve(in RecordedSpan span, ResolvedSpan into)
    {
        // Ids come from the span's trace identity, settled when it was recorded, so every output names the same span.
        var trace = span.Trace;
        var call = span.Call;
        long? total = call.InputTokens is { } i && call.OutputTokens is { } o
            ? (i > long.MaxValue - o ? long.MaxValue : i + o) // saturating: both are non-negative
            : null;
        into.TraceIdHigh = trace.TraceHigh;
        into.TraceIdLow = trace.TraceLow;
        into.SpanId = trace.SpanId;
        into.ParentSpanId = span.ActivityParentSpanId;
        into.TreeParentSpanId = span.ParentSpanId;
        into.IsScope = span.IsScope;
        into.Name = span.IsScope && span.Scope is { } named ? _scopes.GetValue(named, ResolveScope).Name : Name(call.Provider, call.OperationType);
        into.StartUnixNanos = span.StartUnixNanos;
        into.EndUnixNanos = span.EndUnixNanos;
        into.Provider = BuiltIn(call.Provider);
        into.Model = BuiltIn(call.Model);
        into.ResponseModel = BuiltIn(call.ResponseModel);
        into.FinishReason = BuiltIn(call.FinishReason);
        into.ResponseId = BuiltIn(call.ResponseId);
        into.InputMessages = call.InputMessages;
        into.OutputMessages = call.OutputMessages;
        into.OperationType = BuiltIn(call.OperationType);
        into.InputTokens = call.InputTokens;
        into.OutputTokens = call.OutputTokens;
        into.TotalTokens = total;
        into.CacheReadInputTokens = call.TokenDetails?.CacheRead;
        into.CacheCreationInputTokens = call.TokenDetails?.CacheWrite;
        into.ReasoningOutputTokens = call.TokenDetails?.Reasoning;
        into.TokenDetails = call.TokenDetails;

        // Rounded like Python's round() (half to even), as the Python SDK does.
        into.DurationMs = (long)Math.Round((span.EndUnixNanos - span.StartUnixNanos) / 1e6, MidpointRounding.ToEven);
        into.CostUsd = Cost(call);
        into.ErrorType = BuiltIn(call.ErrorType);
        into.ErrorFullType = BuiltIn(call.ErrorFullType);
        into.ErrorMessage = call.ErrorType is null ? null : BuiltIn(call.ErrorMessage ?? "");
        into.Scope = span.Scope is { } s ? _scopes.GetValue(s, ResolveScope) : null;
        into.Details = call.Details;
        MergeUserAttributes(span, into.Attributes);
        return into;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Name(string? provider, string? operation)
    {
        if (_recentNames.TryGet(provider, operation, out var known))
        {
            return known;
        }

        if (!_names.TryGetValue((provider, operation), out var name))
        {
            if (_names.Count >= 1024)
            {
                _names.Clear(); // many distinct providers (e.g. from user input): stay bounded
            }

            name = BuiltIn(SpanName(provider, operation))!;
            _names[(provider, operation)] = name;
        }

        _recentNames.Set(provider, operation, name);
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
    private double? Cost(in RecordedCall span)
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

        // Warned once per model; the set is checked first so an unpriced model (no pricing is the default) costs a
        // lookup per span, not a new key string.
        if (_unpriced.Count < 1024 && _unpriced.Add(model) && _log.FirstTime("pricing:" + model))
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
    private void MergeUserAttributes(in RecordedSpan span, List<ResolvedAttribute> merged)
    {
        _seenKeys.Clear();
        merged.Clear();
        var capped = false;
        var call = span.Call;
        if (call.Attributes is { } own)
        {
            foreach (var (key, value) in own)
            {
                if (NormalizeOwn(key, value) is { } attribute)
                {
                    Admit(attribute, merged, ref capped); // a repeated key keeps its first value
                }
            }
        }

        if (span.Scope is { Attributes.Count: > 0 } scope)
        {
            AdmitLayer(Layer(scope.Attributes), merged, ref capped);
        }

        if (call.Request is { Attributes.Count: > 0 } request)
        {
            AdmitLayer(Layer(request.Attributes), merged, ref capped);
        }

        if (call.GlobalContext is { Count: > 0 } context)
        {
            AdmitLayer(Layer(context), merged, ref capped);
        }

        AdmitLayer(_optionsLayer, merged, ref capped);
        if (capped && _log.FirstTime("attribute-count"))
        {
            _log.Logger.AttributeCountCapped(_settings.Limits.MaxAttributeCount);
        }
    }

    /// <summary>
    /// Lets go of what is kept of spans resolved so far — the own attributes kept for reuse (<see cref="NormalizeOwn"/>)
    /// and the last span's keys — so that nothing of delivered spans is kept alive. Called when the export loop rests.
    /// </summary>
    public void ForgetRepeatedAttributes()
    {
        Array.Clear(_ownAttributes);
        _seenKeys.Forget();
    }

    /// <summary>
    /// One of the span's own attributes, normalized (null for an unusable key). Each span has its own dictionary, but
    /// many repeat the same key and value (a step, a tier, a flag): those with a short string, an integer or a flag
    /// are kept in a small cache until the loop rests, so a repeated one is neither normalized, allocated nor encoded
    /// again. (Not a double: 0.0 equals -0.0, which is written differently.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ResolvedAttribute? NormalizeOwn(string? key, object? value)
    {
        if (key is null || value is not (string { Length: <= MaxCachedTextLength } or int or long or bool))
        {
            return NormalizeOne(key, value);
        }

        ref var cached = ref _ownAttributes[OwnAttributeSlot(key, value)];
        if (cached.Resolved is { } known && string.Equals(cached.Key, key, StringComparison.Ordinal) && value.Equals(cached.Value))
        {
            return known;
        }

        var attribute = NormalizeOne(key, value);
        cached = attribute is null ? default : (key, value, attribute);
        return attribute;
    }

    /// <summary>
    /// Where <see cref="NormalizeOwn"/> keeps a key and value: by the key's identity (most are the same literal span after
    /// span) and a few characters of a text value, so that finding one does not hash every character of both.
    /// </summary>
    private int OwnAttributeSlot(string key, object value)
    {
        var valueHash = value switch
        {
            string { Length: 0 } => 0,
            string text => (text.Length * 31) ^ (text[0] << 8) ^ (text[^1] << 16),
            bool flag => flag ? 0x3c6ef372 : 0x5bd1e995, // apart from the integers 1 and 0
            long number => number.GetHashCode() * 7, // apart from the int of the same value
            _ => value.GetHashCode(),
        };
        return ((RuntimeHelpers.GetHashCode(key) * 31) ^ valueHash) & (_ownAttributes.Length - 1);
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
}
