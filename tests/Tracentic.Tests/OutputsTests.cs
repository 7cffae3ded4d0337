using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

/// <summary>Two outputs read one queue: every span reaches both, resolved once for both.</summary>
public class OutputsTests
{
    [Fact]
    public async Task Each_span_is_resolved_once_for_both_outputs_and_both_get_it_with_the_same_ids()
    {
        var first = new InMemoryExporter();
        var second = new InMemoryExporter();
        var counted = new CountingToString();
        await using var engine = new TracenticEngine(
            new TracenticOptions { ServiceName = "test-service", BatchDelay = TimeSpan.FromMilliseconds(20) },
            new ExportSetup { Output = first.Attach, SecondOutput = second.Attach, HookExits = false });

        for (var i = 0; i < 10; i++)
        {
            engine.RecordSpan(null, TestClients.Span(attributes: new() { ["value"] = counted, ["i"] = i }));
        }

        await engine.FlushAsync();

        Assert.Equal(10, first.Spans.Count);
        Assert.Equal(first.Spans.Select(s => (s.TraceId, s.SpanId)), second.Spans.Select(s => (s.TraceId, s.SpanId)));
        Assert.All(second.Spans, span => Assert.Equal("counted", span["value"]));
        Assert.Equal(10, counted.Calls); // once per span, not once per output
    }

    private sealed class CountingToString
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override string ToString()
        {
            Interlocked.Increment(ref _calls);
            return "counted";
        }
    }
}
