using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// A scope's place in a trace: its ids, its parent span and, when something listens, its INTERNAL activity.
/// A scope tree is one trace: a child takes its parent's trace; a root scope joins the current activity's
/// trace when there is one, else starts its own (the scope id).
/// </summary>
internal static class ScopeTelemetry
{
    /// <summary>
    /// The scope's ids and parent, and its activity when something listens. The activity is left current only when
    /// <paramref name="leaveCurrent"/> (the scope is activated at once, which would otherwise restore and set it again).
    /// </summary>
    public static (TraceIdentity Ids, ulong ParentSpanId, Activity? Activity) Begin(TracenticScope scope, TracenticScope? parentScope, ulong idHigh, ulong idLow, bool leaveCurrent)
    {
        var parent = SpanParent.Of(parentScope);
        if (TracenticTelemetry.Source.HasListeners() && StartActivity(scope, parent, leaveCurrent) is { } activity)
        {
            return (TraceIdentity.Of(activity), parent.Exists ? parent.Ids.SpanId : 0, activity);
        }

        return parent.Exists
            ? (parent.Ids.NewSpan(), parent.Ids.SpanId, null)
            : (TraceIdentity.NewTrace(idHigh, idLow), 0, null);
    }

    private static Activity? StartActivity(TracenticScope scope, SpanParent parent, bool leaveCurrent)
    {
        var previous = leaveCurrent ? null : Activity.Current;
        var activity = TracenticTelemetry.Source.StartActivity(scope.Name, ActivityKind.Internal, parent.Context);
        if (activity is null)
        {
            return null;
        }

        if (!leaveCurrent)
        {
            Activity.Current = previous; // beginning a scope does not make it ambient; Activate does, for scope and activity alike
        }

        return activity;
    }

    /// <summary>The scope's own tags on its activity (once its start time is known).</summary>
    public static void Tag(Activity activity, TracenticScope scope)
    {
        // A new activity has no tags: the built-ins are added, not looked up; the scope's own attributes are set
        // over them, as they always have been.
        AddLink(activity, scope);
        if (scope.Attributes.Count > 0) // enumerating through the interface allocates, even when empty
        {
            foreach (var (key, value) in scope.Attributes)
            {
                activity.SetTag(key, value);
            }
        }
    }

    /// <summary>
    /// The <c>tracentic.scope.*</c> tags that link a span to <paramref name="scope"/>, as the exported span carries them
    /// (and as the official Tracentic .NET SDK's activities do): on the scope's own activity and on its LLM calls'.
    /// Added, not set: the caller knows none of these keys is on the activity yet.
    /// </summary>
    public static void AddLink(Activity activity, TracenticScope scope)
    {
        activity.AddTag(SpanAttributeKeys.ScopeId, scope.Id);
        activity.AddTag(SpanAttributeKeys.ScopeName, scope.Name);
        if (scope.ParentId is { } parentId)
        {
            activity.AddTag(SpanAttributeKeys.ScopeParentId, parentId);
        }

        if (scope.CorrelationId is { } correlationId)
        {
            activity.AddTag(SpanAttributeKeys.ScopeCorrelationId, correlationId);
        }

        activity.AddTag(SpanAttributeKeys.ScopeStartedAt, scope.StartedAtText);
    }
}
