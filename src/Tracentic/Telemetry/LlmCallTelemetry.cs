using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// LLM calls as CLIENT activities and GenAI metrics. A wrapped call's activity starts with the call (so
/// HttpClient activities made inside nest under it) and stops when the call is recorded; a span recorded by
/// hand becomes an activity with the span's own start and end times. Nothing happens without a listener.
/// </summary>
internal static class LlmCallTelemetry
{
    /// <summary>
    /// Starts the activity of a wrapped call with its site's tags (<see cref="LlmCallStartTags"/>); null when nothing
    /// listens (or the sampler drops it).
    /// </summary>
    public static Activity? Start(KeyValuePair<string, object?>[] siteTags, string? operationType, string? model, TracenticScope? scope)
    {
        if (!TracenticTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = TracenticTelemetry.Source.StartActivity(
            GenAiConventions.SpanName(GenAiConventions.Operation(operationType), model), ActivityKind.Client, SpanParent.Of(scope).Context, siteTags);
        if (activity is { IsAllDataRequested: true })
        {
            AddTag(activity, GenAiConventions.RequestModel, model);
        }

        return activity;
    }

    /// <summary>Whether anything would see a hand-recorded span in-process (an activity listener or an enabled instrument).</summary>
    public static bool Listening => TracenticTelemetry.Source.HasListeners() || GenAiMetrics.Enabled;

    /// <summary>
    /// Completes the telemetry of a recorded LLM call: finishes <paramref name="activity"/> (or, for a call recorded by
    /// hand, creates one with the call's own times) and records the metrics. Returns the activity, whose ids the
    /// exported span then carries; null when nothing listens. Reads the call, never changes it.
    /// </summary>
    public static Activity? Record(TracenticSettings settings, in RecordedCall call, Activity? activity, bool recordedByHand, Exception? exception)
    {
        if (activity is null && recordedByHand && TracenticTelemetry.Source.HasListeners())
        {
            activity = StartActivity(call.Provider, call.OperationType, call.Model, call.Scope, UnixNanos.ToTime(call.StartUnixNanos));
        }

        if (activity is null && !GenAiMetrics.Enabled)
        {
            return null;
        }

        var errorType = exception?.GetType().FullName ?? call.ErrorFullType ?? call.ErrorType;
        var cost = activity is not null || GenAiMetrics.CostEnabled ? call.Cost(settings.Pricing) : null;
        if (activity is not null)
        {
            Complete(activity, call, errorType, cost);
            // A span recorded by hand ends when it says; a wrapped call on the system clock, whose activity's start is the
            // call's, ends at the call's end too: the activity lasts what the call measured, and stopping it reads no clock.
            if (recordedByHand || ReferenceEquals(settings.Clock, TimeProvider.System))
            {
                activity.SetEndTime(UnixNanos.ToTime(call.EndUnixNanos).UtcDateTime);
            }

            TracenticTelemetry.Stop(activity);
        }

        GenAiMetrics.Record(call, errorType, cost);
        return activity;
    }

    /// <summary>The activity of a span recorded by hand, started at the span's own start.</summary>
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
            // A new activity has no tags yet: added, not looked up (null values are left out, as SetTag leaves them).
            activity.AddTag(GenAiConventions.OperationName, operation);
            AddTag(activity, GenAiConventions.ProviderName, provider);
            AddTag(activity, GenAiConventions.RequestModel, model);
        }

        return activity;
    }

    /// <summary>Adds what the call learned to its activity.</summary>
    private static void Complete(Activity activity, in RecordedCall span, string? errorType, double? cost)
    {
        if (activity.IsAllDataRequested)
        {
            if (span.Model is { } model && activity.GetTagItem(GenAiConventions.RequestModel) is null)
            {
                // The model came from the response: name the span by it now.
                activity.DisplayName = GenAiConventions.SpanName(GenAiConventions.Operation(span.OperationType), model);
                activity.SetTag(GenAiConventions.RequestModel, model);
            }

            // Keys no earlier tag has (the start set only the operation, provider and request model).
            AddTag(activity, GenAiConventions.ResponseModel, span.ResponseModel);
            AddTag(activity, GenAiConventions.ResponseId, span.ResponseId);
            if (span.InputTokens is { } input)
            {
                activity.AddTag(GenAiConventions.InputTokens, input);
            }

            if (span.OutputTokens is { } output)
            {
                activity.AddTag(GenAiConventions.OutputTokens, output);
            }

            if (span.TokenDetails is { } details)
            {
                AddCount(activity, GenAiConventions.CacheReadInputTokens, details.CacheRead);
                AddCount(activity, GenAiConventions.CacheCreationInputTokens, details.CacheWrite);
                AddCount(activity, GenAiConventions.ReasoningOutputTokens, details.Reasoning);
                AddCount(activity, GenAiConventions.InputAudioTokens, details.InputAudio);
                AddCount(activity, GenAiConventions.OutputAudioTokens, details.OutputAudio);
            }

            if (span.FinishReason is { } finish)
            {
                activity.AddTag(GenAiConventions.FinishReasons, GenAiConventions.FinishReasonsOf(finish));
            }

            if (cost is { } usd)
            {
                activity.AddTag(SpanAttributeKeys.CostUsd, usd);
            }

            if (span.Scope is { } scope)
            {
                ScopeTelemetry.AddLink(activity, scope);
            }

            if (span.Details is { } callDetails)
            {
                CallDetailsTags.Add(activity, callDetails);
            }

            if (span.Attributes is { } attributes)
            {
                AddAttributes(activity, attributes, skipLegacyCode: span.Details?.CodeFunction is not null);
            }

            if (errorType is not null || HasKey(span.Attributes, GenAiConventions.ErrorType))
            {
                activity.SetTag(GenAiConventions.ErrorType, errorType); // the error's type, never an attribute's (a success has none)
            }
        }

        if (errorType is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, span.ErrorMessage);
        }
    }

    /// <summary>
    /// The span's attributes under the built-ins: a key already set (a built-in, an earlier attribute) keeps its
    /// value, and a null value adds nothing. Keys outside the built-in namespaces are checked against the earlier
    /// attributes only (a short list), not looked up in the activity's tags. With <paramref name="skipLegacyCode"/> the
    /// call site's deprecated <c>code.*</c> names (written for the ingest) are left out: the current ones are tagged.
    /// </summary>
    private static void AddAttributes(Activity activity, KeyValuePair<string, object?>[] attributes, bool skipLegacyCode)
    {
        for (var i = 0; i < attributes.Length; i++)
        {
            var (key, value) = attributes[i];
            if (string.IsNullOrEmpty(key) || value is null || (skipLegacyCode && GenAiConventions.IsLegacyCode(key)))
            {
                continue;
            }

            if (attributes.Length > 16 || key.StartsWith("gen_ai.", StringComparison.Ordinal) || key.StartsWith("tracentic.", StringComparison.Ordinal) || key.StartsWith("code.", StringComparison.Ordinal)
                || key == GenAiConventions.ErrorType || key == SpanAttributeKeys.CostUsd)
            {
                if (activity.GetTagItem(key) is null)
                {
                    activity.SetTag(key, value);
                }

                continue;
            }

            if (!SetBefore(attributes, i, key))
            {
                activity.AddTag(key, value);
            }
        }
    }

    private static bool SetBefore(KeyValuePair<string, object?>[] attributes, int index, string key)
    {
        for (var j = 0; j < index; j++)
        {
            if (attributes[j].Value is not null && string.Equals(attributes[j].Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasKey(KeyValuePair<string, object?>[]? attributes, string key)
    {
        foreach (var attribute in attributes ?? [])
        {
            if (attribute.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddTag(Activity activity, string key, string? value)
    {
        if (value is not null)
        {
            activity.AddTag(key, value);
        }
    }

    private static void AddCount(Activity activity, string key, long? count)
    {
        if (count is { } value)
        {
            activity.AddTag(key, value);
        }
    }
}
