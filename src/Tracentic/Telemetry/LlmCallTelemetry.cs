using System.Diagnostics;
using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Telemetry;

/// <summary>
/// LLM calls as CLIENT activities and GenAI metrics. A wrapped call's activity starts with the call (so
/// HttpClient activities made inside nest under it) and stops when the call is recorded; a span recorded by
/// hand becomes an activity with the span's own start and end times. Nothing happens without a listener.
/// </summary>
internal static class LlmCallTelemetry
{
    /// <summary>Starts the activity of a wrapped call; null when nothing listens (or the sampler drops it).</summary>
    public static Activity? Start(string? provider, string? operationType, string? model, TracenticScope? scope)
    {
        if (!TracenticTelemetry.Source.HasListeners())
        {
            return null;
        }

        return StartActivity(provider, operationType, model, scope, startTime: default);
    }

    /// <summary>Whether anything would see a hand-recorded span in-process (an activity listener or an enabled instrument).</summary>
    public static bool Listening => TracenticTelemetry.Source.HasListeners() || GenAiMetrics.Enabled;

    /// <summary>
    /// Completes the telemetry of a recorded LLM span: finishes <paramref name="activity"/> (or, for a span
    /// recorded by hand, creates one with the span's own times), gives the span the activity's ids so every output
    /// names the same span, and records the metrics. Nothing happens without a listener.
    /// </summary>
    public static void Record(TracenticSettings settings, RecordedSpan span, Activity? activity, bool recordedByHand, Exception? exception)
    {
        if (activity is null && recordedByHand && TracenticTelemetry.Source.HasListeners())
        {
            activity = StartActivity(span.Provider, span.OperationType, span.Model, span.Scope, FromUnixNanos(span.StartUnixNanos));
        }

        if (activity is null && !GenAiMetrics.Enabled)
        {
            return;
        }

        var errorType = exception?.GetType().FullName ?? span.ErrorFullType ?? span.ErrorType;
        var cost = activity is not null || GenAiMetrics.CostEnabled ? Cost(settings, span) : null;
        if (activity is not null)
        {
            Complete(activity, span, errorType, cost);
            if (recordedByHand)
            {
                activity.SetEndTime(FromUnixNanos(span.EndUnixNanos).UtcDateTime);
            }

            TracenticTelemetry.Stop(activity);
            span.Trace = TraceIdentity.Of(activity);
            span.ParentSpanId = ParentSpanId(activity);
        }

        GenAiMetrics.Record(span, errorType, cost);
    }

    private static Activity? StartActivity(string? provider, string? operationType, string? model, TracenticScope? scope, DateTimeOffset startTime)
    {
        var parent = SpanParent.Of(scope);
        var previous = Activity.Current;
        var operation = GenAiConventions.Operation(operationType);
        var activity = TracenticTelemetry.Source.StartActivity(
            GenAiConventions.SpanName(operation, model), ActivityKind.Client, parent.Context, startTime: startTime);
        if (activity is null)
        {
            return null;
        }

        if (startTime != default)
        {
            Activity.Current = previous; // a span recorded after the fact never becomes the ambient activity
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(GenAiConventions.OperationName, operation);
            activity.SetTag(GenAiConventions.ProviderName, provider);
            activity.SetTag(GenAiConventions.RequestModel, model);
        }

        return activity;
    }

    private static void Complete(Activity activity, RecordedSpan span, string? errorType, double? cost)
    {
        if (activity.IsAllDataRequested)
        {
            if (span.Model is { } model && activity.GetTagItem(GenAiConventions.RequestModel) is null)
            {
                // The model came from the response: name the span by it now.
                activity.DisplayName = GenAiConventions.SpanName(GenAiConventions.Operation(span.OperationType), model);
                activity.SetTag(GenAiConventions.RequestModel, model);
            }

            activity.SetTag(GenAiConventions.ResponseModel, span.ResponseModel);
            activity.SetTag(GenAiConventions.ResponseId, span.ResponseId);
            if (span.InputTokens is { } input)
            {
                activity.SetTag(GenAiConventions.InputTokens, input);
            }

            if (span.OutputTokens is { } output)
            {
                activity.SetTag(GenAiConventions.OutputTokens, output);
            }

            if (span.FinishReason is { } finish)
            {
                activity.SetTag(GenAiConventions.FinishReasons, new[] { finish });
            }

            if (cost is { } usd)
            {
                activity.SetTag(SpanAttributeKeys.CostUsd, usd);
            }

            if (span.Scope is { } scope)
            {
                // The scope link as the exported span carries it (and as the official Tracentic .NET SDK's activities do).
                activity.SetTag(SpanAttributeKeys.ScopeId, scope.Id);
                activity.SetTag(SpanAttributeKeys.ScopeName, scope.Name);
                activity.SetTag(SpanAttributeKeys.ScopeParentId, scope.ParentId);
                activity.SetTag(SpanAttributeKeys.ScopeCorrelationId, scope.CorrelationId);
                activity.SetTag(SpanAttributeKeys.ScopeStartedAt, PythonIsoTimestamp.Format(scope.StartedAt));
            }

            if (span.Attributes is { } attributes)
            {
                foreach (var (key, value) in attributes)
                {
                    if (!string.IsNullOrEmpty(key) && activity.GetTagItem(key) is null)
                    {
                        activity.SetTag(key, value);
                    }
                }
            }

            activity.SetTag(GenAiConventions.ErrorType, errorType);
        }

        if (errorType is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, span.ErrorMessage);
        }
    }

    /// <summary>Cost as the Tracentic outputs compute it: only with a model, both token counts and a price (by the model asked for, else the one that answered).</summary>
    private static double? Cost(TracenticSettings settings, RecordedSpan span) =>
        span.ErrorType is null && span.Model is { } model && span.InputTokens is { } input && span.OutputTokens is { } output
            && (settings.Pricing.TryGetValue(model, out var pricing) || (span.ResponseModel is { } answered && settings.Pricing.TryGetValue(answered, out pricing)))
            ? pricing.CostOf(input, output)
            : null;

    private static ulong ParentSpanId(Activity activity)
    {
        if (activity.ParentSpanId == default)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[8];
        activity.ParentSpanId.CopyTo(bytes);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    private static DateTimeOffset FromUnixNanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
}
