using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// The span a new scope or LLM span hangs from. Inside a scope, the current activity wins when it is the
/// scope's activity or one started inside it (the most precise parent); otherwise the scope itself. Without a scope, the current activity (an ASP.NET Core request, say), so its trace is joined.
/// </summary>
internal readonly struct SpanParent
{
    private SpanParent(TraceIdentity ids, Activity? activity)
    {
        Ids = ids;
        Activity = activity;
        Exists = true;
    }

    public TraceIdentity Ids { get; }

    /// <summary>The parent's activity, when it has one.</summary>
    public Activity? Activity { get; }

    public bool Exists { get; }

    public static SpanParent Of(TracenticScope? scope)
    {
        var current = System.Diagnostics.Activity.Current;
        if (scope is not null)
        {
            return scope.Activity is { } own && IsWithin(current, own)
                ? new SpanParent(TraceIdentity.Of(current!), current)
                : new SpanParent(scope.Identity, scope.Activity);
        }

        return current is not null && current.IdFormat == ActivityIdFormat.W3C
            ? new SpanParent(TraceIdentity.Of(current), current)
            : default;
    }

    /// <summary>Whether <paramref name="activity"/> is <paramref name="scopeActivity"/> or was started inside it.</summary>
    private static bool IsWithin(Activity? activity, Activity scopeActivity)
    {
        for (var depth = 0; activity is not null && depth < 64; depth++, activity = activity.Parent)
        {
            if (activity == scopeActivity)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The parent context for <see cref="ActivitySource.StartActivity(string, ActivityKind, ActivityContext, IEnumerable{KeyValuePair{string, object}}, IEnumerable{ActivityLink}, DateTimeOffset)"/>.
    /// A parent without an activity was not recorded by anyone, so neither is its child (flags None).
    /// </summary>
    public ActivityContext Context => Activity?.Context ?? (Exists ? Ids.ToContext(ActivityTraceFlags.None) : default);
}
