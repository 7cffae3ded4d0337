using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

public class ConcurrencyTests
{
    [Fact]
    [Trait("Category", "Slow")] // a load test: 10,000 spans from 8 threads (about 2 s of CPU): left out of the fast loop (README, "Running the tests")
    public async Task Ten_thousand_spans_recorded_from_8_threads_at_once_are_each_exported_exactly_once_and_intact()
    {
        const int Threads = 8, Total = 10_000;
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o => o.QueueCapacity = Total); // this test is about races, not overflow
        using var start = new Barrier(Threads);

        var recorders = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            var scope = client.Begin($"thread-{t}", new() { ["thread"] = t });
            var model = $"model-{t}";
            start.SignalAndWait();
            for (var i = t; i < Total; i += Threads)
            {
                var span = TestClients.Span(model: model, inputTokens: i, outputTokens: t, attributes: new() { ["id"] = i });
                if (i % 10 == 0)
                {
                    client.RecordError(scope, span, new InvalidOperationException($"error-{i}"));
                }
                else
                {
                    client.RecordSpan(scope, span);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(recorders).WaitAsync(TimeSpan.FromSeconds(30));
        await client.FlushAsync();

        var spans = await receiver.WaitForSpansAsync(Total, TimeSpan.FromSeconds(10));
        Assert.Equal(Total, spans.Count);
        Assert.Equal(0, client.DroppedSpans);
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), spans.Select(s => (long)s["id"]!).Order());
        Assert.All(spans, span =>
        {
            // Every field of a span belongs to the same call: none mixed up with another thread's.
            var id = (long)span["id"]!;
            var thread = id % Threads;
            Assert.Equal($"thread-{thread}", span.ScopeName);
            Assert.Equal(thread, span["thread"]);
            Assert.Equal($"model-{thread}", span["llm.request.model"]);
            Assert.Equal(id, span["llm.usage.input_tokens"]);
            Assert.Equal(thread, span["llm.usage.output_tokens"]);
            Assert.Equal(id % 10 == 0 ? $"error-{id}" : null, span.StatusMessage);
        });
        Assert.All(receiver.Requests, r => Assert.InRange(r.Spans.Count, 1, 512));
    }

    [Fact]
    public async Task Flush_from_many_threads_while_recording_waits_for_each_callers_own_spans()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.BatchDelay = TimeSpan.FromMinutes(1));
        await using var _c = client;

        var workers = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var id = t * 1000 + i;
                client.RecordSpan(null, TestClients.Span(attributes: new() { ["id"] = id }));
                await client.FlushAsync();
                Assert.Contains(exporter.Spans, s => (long)s["id"]! == id); // flushed means exported
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(400, exporter.Spans.Select(s => s["id"]).Distinct().Count());
    }
}
