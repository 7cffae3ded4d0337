using Tracentic.Engine;

namespace Tracentic.Telemetry;

/// <summary>Gives a recorded LLM span its trace, its own span id and its parent, as every output writes them.</summary>
internal static class SpanIdentity
{
    public static void Stamp(RecordedSpan span)
    {
        var parent = SpanParent.Of(span.Scope);
        if (parent.Exists)
        {
            span.Trace = parent.Ids.NewSpan();
            span.ParentSpanId = parent.Ids.SpanId;
        }
        else
        {
            span.Trace = TraceIdentity.NewTrace(
                (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue) | 1, // never all-zero
                (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue));
            span.ParentSpanId = 0;
        }
    }
}
