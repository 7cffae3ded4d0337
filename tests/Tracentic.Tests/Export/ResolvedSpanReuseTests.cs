using System.Reflection;
using System.Runtime.CompilerServices;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests.Export;

/// <summary>
/// The export thread reuses a resolved span once every output has settled it: reused, it must resolve exactly as a new
/// one, hold nothing of the span before, and never be reused while an output may still write it (a retried batch).
/// </summary>
public sealed class ResolvedSpanReuseTests
{
    private static readonly PropertyInfo[] Values = typeof(ResolvedSpan).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Fact]
    public void Reset_leaves_every_value_as_a_new_span_has_it()
    {
        var span = new ResolvedSpan();
        foreach (var property in Values.Where(p => p.CanWrite))
        {
            property.SetValue(span, NotDefault(property.PropertyType));
        }

        span.Attributes.Add(new ResolvedAttribute("k", AttributeValue.String("v")));

        span.Reset();

        var fresh = new ResolvedSpan();
        Assert.All(Values.Where(p => p.CanWrite), p => Assert.Equal(p.GetValue(fresh), p.GetValue(span)));
        Assert.Empty(span.Attributes);
    }

    [Fact]
    public async Task A_reused_span_resolves_exactly_as_a_new_one()
    {
        var (engine, _) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { ["region"] = "eu" });
        await using (engine)
        {
            var resolver = new SpanResolver(engine.Settings, engine.Log);
            var resolved = new ResolvedSpans(resolver, slots: 0, spanTakers: 1, scopeTakers: 1, maxFree: 4);
            var scope = engine.Begin("rag", new() { ["user"] = "u-1" });

            var full = resolved.Get(new QueuedSpan(0, Full(scope)));
            resolved.Settled(full);
            var reused = resolved.Get(new QueuedSpan(1, Bare()));

            Assert.Same(full, reused);
            AssertSame(resolver.Resolve(Bare(), new ResolvedSpan()), reused);
        }
    }

    [Fact]
    public async Task A_span_one_output_delivered_is_not_reused_while_the_other_retries_it()
    {
        var first = new InMemoryExporter();
        var second = new InMemoryExporter();
        var failing = new FailingFirst(second, failures: 3);
        await using var engine = new TracenticEngine(
            new TracenticOptions { ServiceName = "test-service", BatchDelay = TimeSpan.FromMilliseconds(5), MaxBatchSize = 16 },
            new ExportSetup { Output = first.Attach, SecondOutput = (s, l) => failing.Attach(s, l), RetryPolicy = TestClients.FastRetries, HookExits = false });

        const int Count = 400;
        for (var i = 0; i < Count; i++)
        {
            engine.RecordSpan(null, TestClients.Span(attributes: new() { ["i"] = i }, inputTokens: i));
        }

        await engine.FlushAsync();

        Assert.True(failing.Failed >= 3);
        var firstByI = first.Spans.ToDictionary(s => (long)s["i"]!);
        var secondByI = second.Spans.GroupBy(s => (long)s["i"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Count, firstByI.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), secondByI.Keys.Order());
        foreach (var (i, spans) in secondByI)
        {
            // Each copy the second output sent is its own span, as the first output sent it: ids, tokens and all.
            Assert.All(spans, span => Assert.Equal((firstByI[i].TraceId, firstByI[i].SpanId, i), (span.TraceId, span.SpanId, (long)span["llm.usage.input_tokens"]!)));
        }
    }

    [Fact]
    public async Task A_span_sent_again_after_a_failure_keeps_its_resolved_form()
    {
        var output = new RecordingRetries(failures: 2);
        // No batch leaves before the flush (a long delay, a batch larger than the spans): one batch, however slow the machine.
        await using var engine = new TracenticEngine(
            new TracenticOptions { ServiceName = "test-service", BatchDelay = TimeSpan.FromHours(1), MaxBatchSize = 16 },
            new ExportSetup { Output = (_, _) => output, RetryPolicy = TestClients.FastRetries, HookExits = false });

        for (var i = 0; i < 10; i++)
        {
            engine.RecordSpan(null, TestClients.Span(attributes: new() { ["i"] = i }));
        }

        await engine.FlushAsync();

        // Three attempts of the same batch: the retries carry the very resolved spans of the first, not new ones.
        Assert.Equal(3, output.Attempts.Count);
        Assert.All(output.Attempts, attempt => Assert.Equal(output.Attempts[0], attempt));
    }

    private static RecordedSpan Full(TracenticScope scope) => new()
    {
        Trace = new TraceIdentity(1, 2, 3),
        ParentSpanId = 4,
        ActivityParentSpanId = 5,
        Call = new RecordedCall
        {
            Scope = scope,
            StartUnixNanos = 1_000_000_000,
            EndUnixNanos = 1_250_000_000,
            Provider = "openai",
            Model = "gpt-4o",
            ResponseModel = "gpt-4o-2024-08-06",
            FinishReason = "stop",
            ResponseId = "resp-1",
            InputMessages = "[{\"role\":\"user\"}]",
            OutputMessages = "[{\"role\":\"assistant\"}]",
            OperationType = "chat",
            InputTokens = 100,
            OutputTokens = 50,
            TokenDetails = RecordedTokenDetails.Of(cacheRead: 10, cacheWrite: 5, reasoning: 7, cacheSeparate: true),
            Attributes = [new("own", "value"), new("n", 3)],
            Error = new RecordedError("HttpRequestException", "System.Net.Http.HttpRequestException", "429"),
        },
    };

    private static RecordedSpan Bare() => new()
    {
        Trace = new TraceIdentity(9, 8, 7),
        Call = new RecordedCall { StartUnixNanos = 2_000_000_000, EndUnixNanos = 2_000_000_000 },
    };

    private static void AssertSame(ResolvedSpan expected, ResolvedSpan actual)
    {
        Assert.All(Values.Where(p => p.Name != nameof(ResolvedSpan.Holders)), p =>
        {
            if (p.Name == nameof(ResolvedSpan.Attributes))
            {
                Assert.Equal(expected.Attributes.Select(a => (a.Key, a.Value.ToString())), actual.Attributes.Select(a => (a.Key, a.Value.ToString())));
            }
            else
            {
                Assert.Equal(p.GetValue(expected), p.GetValue(actual));
            }
        });
    }

    private static object NotDefault(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "x",
            var t when t == typeof(bool) => true,
            var t when t == typeof(int) => 1,
            var t when t == typeof(long) => 1L,
            var t when t == typeof(ulong) => 1UL,
            var t when t == typeof(double) => 1.0,
            var t => RuntimeHelpers.GetUninitializedObject(t),
        };

    /// <summary>An output that answers "retry" to its first attempts and notes which resolved spans each attempt had.</summary>
    private sealed class RecordingRetries(int failures) : IExportOutput
    {
        public List<ResolvedSpan[]> Attempts { get; } = [];

        public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
        {
            Attempts.Add([.. batch]);
            return Task.FromResult(new ExportResult(Attempts.Count <= failures ? ExportStatus.Retry : ExportStatus.Delivered, batch.Count));
        }

        public void Dispose()
        {
        }
    }

    /// <summary>An output that answers "retry" to its first attempts, holding their batches for the retries, then delivers.</summary>
    private sealed class FailingFirst(InMemoryExporter inner, int failures) : IExportOutput
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public IExportOutput Attach(TracenticSettings settings, TracenticLog log)
        {
            inner.Attach(settings, log);
            return this;
        }

        public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _failed) <= failures
                ? Task.FromResult(new ExportResult(ExportStatus.Retry, batch.Count))
                : inner.ExportAsync(batch, cancellationToken);

        public void Dispose()
        {
        }
    }
}
