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
        var previous = Activity.Current;
        var activity = TracenticTelemetry.Source.StartActivity(scope.Name, ActivityKind.Internal, parent.Context);
        if (activity is null)
        {
            return null;
        }

        if (!leaveCurrent)
        {
            Activity.Current = previous; // beginning a scope does not make it ambient; Activate does, for scope and activity alike
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(SpanAttributeKeys.ScopeId, scope.Id);
            activity.SetTag(SpanAttributeKeys.ScopeName, scope.Name);
            activity.SetTag(SpanAttributeKeys.ScopeParentId, scope.ParentId);
            activity.SetTag(SpanAttributeKeys.ScopeCorrelationId, scope.CorrelationId);
            activity.SetTag(SpanAttributeKeys.ScopeStartedAt, scope.StartedAtText);
            foreach (var (key, value) in scope.Attributes)
            {
                activity.SetTag(key, value);
            }
        }

        return activity;
    }
}
