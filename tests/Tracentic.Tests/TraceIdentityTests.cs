using System.Buffers.Binary;
using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Tests;

/// <summary>An activity's ids read as numbers are the ids the activity itself holds, byte for byte.</summary>
public sealed class TraceIdentityTests
{
    [Fact]
    public void An_activitys_trace_span_and_parent_ids_read_as_the_bytes_the_activity_holds()
    {
        using var source = new ActivitySource("TraceIdentityTests." + Guid.NewGuid());
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        Span<byte> trace = stackalloc byte[16];
        for (var i = 0; i < 200; i++)
        {
            // Half are roots; half have a remote parent, so the parent span id is read too.
            var parent = i % 2 == 0
                ? default
                : new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
            using var activity = source.StartActivity("op", ActivityKind.Internal, parent)!;

            var ids = TraceIdentity.Of(activity);

            activity.TraceId.CopyTo(trace);
            Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(trace), ids.TraceHigh);
            Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(trace[8..]), ids.TraceLow);
            Assert.Equal(activity.SpanId, ActivitySpanId.CreateFromString(ids.SpanId.ToString("x16")));
            Assert.Equal(activity.TraceId.ToHexString(), ids.TraceIdHex);
            Assert.Equal(
                i % 2 == 0 ? 0UL : ulong.Parse(parent.SpanId.ToHexString(), System.Globalization.NumberStyles.AllowHexSpecifier),
                TraceIdentity.ValueOf(activity.ParentSpanId));
        }
    }

    [Fact]
    public void The_empty_span_id_reads_as_zero() => Assert.Equal(0UL, TraceIdentity.ValueOf(default));
}
