using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>Gives a recorded LLM span its trace, its own span id and its parent, as every output writes them.</summary>
internal static class SpanIdentity
{
    /// <summary>The ids of the activity made for the span (so the outputs name the span the in-process telemetry saw).</summary>
    public static (TraceIdentity Trace, ulong ParentSpanId) Of(Activity activity) =>
        (TraceIdentity.Of(activity), TraceIdentity.ValueOf(activity.ParentSpanId));

    /// <summary>New ids in the trace of the span's scope tree (or of <see cref="Activity.Current"/>), else in a new trace.</summary>
    public static (TraceIdentity Trace, ulong ParentSpanId) For(TracenticScope? scope)
    {
        var parent = SpanParent.Of(scope);
        if (parent.Exists)
        {
            return (parent.Ids.NewSpan(), parent.Ids.SpanId);
        }

        var (high, low) = RandomIds.NonZero128();
        return (TraceIdentity.NewTrace(high, low), 0);
    }
}
