using System.Runtime.CompilerServices;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests.Export;

/// <summary>
/// The queue holds spans by value in its ring: once a span is delivered and the export loop rests, its slot is
/// cleared, so what the span referenced (its attributes, its error) is not kept alive until recording comes round.
/// </summary>
public sealed class QueueReleaseTests
{
    [Fact]
    public async Task A_delivered_span_is_not_kept_alive_by_the_ring_once_the_export_loop_rests()
    {
        await using var receiver = await IngestReceiver.StartAsync(TestClients.ApiKey);
        var client = TestClients.ForReceiver(receiver);
        try
        {
            var attribute = RecordWithAttribute(client);
            await client.FlushAsync();
            Assert.Single(receiver.Spans);

            // The loop clears the slot when it next goes to sleep, right after the flush: bounded, not timed.
            var released = SpinWait.SpinUntil(() =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                return !attribute.IsAlive;
            }, TimeSpan.FromSeconds(10));

            Assert.True(released, "the delivered span's attribute value is still referenced");
        }
        finally
        {
            await client.ShutdownAsync();
        }
    }

    /// <summary>Records a span whose attribute value only the span references; returns a weak reference to it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RecordWithAttribute(Tracentic.Engine.TracenticEngine client)
    {
        var value = new string('x', 64); // made here, referenced by nothing but the span
        client.RecordSpan(null, TestClients.Span(attributes: new() { ["payload"] = value }));
        return new WeakReference(value);
    }
}
