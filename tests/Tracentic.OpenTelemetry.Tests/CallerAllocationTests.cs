using Tracentic.Instrumentation;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>
/// What recording allocates on the caller's thread when nothing listens: the recorded span and nothing of
/// OpenTelemetry (no activity, no tags, no measurement). Bytes, not time: exact, and the same on any machine.
/// </summary>
public sealed class CallerAllocationTests
{
    private const int Calls = 1_000;
    private static readonly LlmCallSite Site = new("openai", "chat", "gpt-4o", "Bot.Ask");

    [Fact]
    public void RecordSpan_with_nothing_listening_allocates_nothing_the_queue_holds_the_span_by_value()
    {
        var engine = Engines.Create(o => o.Otlp = new OtlpOutputOptions { Endpoint = "http://127.0.0.1:9" }); // both outputs, nothing sent in time
        var scope = engine.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        var span = Engines.Chat();

        var perCall = BytesPerCall(() => engine.RecordSpan(scope, span));

        Assert.True(perCall == 0, $"RecordSpan allocated {perCall} B per call on the caller's thread");
    }

    [Fact]
    public void A_generated_llm_call_with_nothing_listening_creates_no_activity_and_stays_within_the_goal()
    {
        var engine = Engines.Create(o => o.ApiKey = "trk_test_alloc");
        using var installed = Engines.Install(engine);

        var perCall = BytesPerCall(() => LlmCall.Start(Site).Succeed(new LlmUsage(100, 20)));

        Assert.True(perCall <= 256, $"a wrapped call allocated {perCall} B per call on the caller's thread");
    }

    private static long BytesPerCall(Action record)
    {
        for (var i = 0; i < Calls; i++)
        {
            record(); // warm up: first calls JIT and fill caches
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            record();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }
}
