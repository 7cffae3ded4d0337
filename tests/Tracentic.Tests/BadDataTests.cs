using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

/// <summary>
/// Each kind of bad data seen in the field, recorded between 100 good spans and sent to the real loopback receiver,
/// which refuses (400) any body the ingest would refuse. Every good span must arrive, in valid bodies, and recording
/// must not throw.
/// </summary>
public class BadDataTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Cases => [.. BadSpans.Keys];

    private static readonly Dictionary<string, Func<TracenticSpan>> BadSpans = new()
    {
        ["an empty attribute key"] = () => TestClients.Span(attributes: new() { [""] = "empty key", ["ok"] = 1 }),
        ["a start before 1970"] = () => new TracenticSpan
        {
            StartedAt = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(1960, 1, 1, 0, 0, 1, TimeSpan.Zero),
            Provider = "openai",
        },
        ["EndedAt = DateTimeOffset.MaxValue"] = () => new TracenticSpan { StartedAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.MaxValue, Provider = "openai" },
        ["StartedAt = DateTimeOffset.MinValue"] = () => new TracenticSpan { StartedAt = DateTimeOffset.MinValue, EndedAt = DateTimeOffset.UtcNow, Provider = "openai" },
        ["nested keys that collide after truncation"] = () => TestClients.Span(attributes: new()
        {
            ["map"] = new Dictionary<string, object?> { [new string('k', 300) + "a"] = 1, [new string('k', 300) + "b"] = 2 },
        }),
        ["nested keys that collide after surrogate repair"] = () => TestClients.Span(attributes: new()
        {
            ["map"] = new Dictionary<string, object?> { ["x\uD800"] = 1, ["x\uDC00"] = 2, ["x\uFFFD"] = 3 },
        }),
        ["top-level keys that collide after truncation"] = () => TestClients.Span(attributes: new()
        {
            [new string('k', 300) + "a"] = 1,
            [new string('k', 300) + "b"] = 2,
        }),
        ["token counts of long.MaxValue"] = () => TestClients.Span(inputTokens: long.MaxValue, outputTokens: long.MaxValue),
        ["a list that holds itself 64 times"] = () =>
        {
            var list = new List<object?>();
            for (var i = 0; i < 64; i++)
            {
                list.Add(list);
            }

            return TestClients.Span(attributes: new() { ["self"] = list });
        },
        ["a value whose ToString throws"] = () => TestClients.Span(attributes: new() { ["bad"] = new ThrowingToString() }),
        ["a sequence whose enumerator throws"] = () => TestClients.Span(attributes: new() { ["bad"] = ThrowingSequence() }),
        ["a lone surrogate in every text"] = () => new TracenticSpan
        {
            StartedAt = DateTimeOffset.UtcNow,
            EndedAt = DateTimeOffset.UtcNow,
            Provider = "open\uD800ai",
            Model = "gpt\uDC00",
            OperationType = "chat\uD800",
            Attributes = new() { ["k\uD800"] = "v\uDC00" },
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task One_bad_span_among_100_good_ones_costs_no_good_span(string name)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var log = new CapturingLoggerProvider();
        await using var client = TestClients.ForReceiver(receiver, o => o.LoggerFactory = log.CreateFactory());

        for (var i = 0; i < 100; i++)
        {
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["i"] = i }));
            if (i == 50)
            {
                var bad = BadSpans[name]();
                client.RecordSpan(null, bad);
                client.RecordError(client.Begin("bad"), bad, new InvalidOperationException("failed"));
            }
        }

        await client.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), receiver.Spans.Where(s => s["i"] is long).Select(s => (long)s["i"]!));
        Assert.All(receiver.Requests, r => Assert.Null(r.ParseError));
        Assert.Equal(102, receiver.Spans.Count); // the bad ones too, made valid
        Assert.DoesNotContain(log.Warnings, w => w.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_sums_saturate_and_times_are_clamped_to_what_OTLP_can_hold()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver);

        client.RecordSpan(null, TestClients.Span(inputTokens: long.MaxValue, outputTokens: long.MaxValue));
        client.RecordSpan(null, new TracenticSpan { StartedAt = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero), EndedAt = DateTimeOffset.MaxValue });
        await client.FlushAsync();

        Assert.Equal(long.MaxValue, receiver.Spans[0]["llm.usage.total_tokens"]);
        Assert.Equal(0, receiver.Spans[1].StartTimeUnixNano);
        Assert.Equal(long.MaxValue / 100 * 100, receiver.Spans[1].EndTimeUnixNano);
    }

    [Fact]
    public async Task A_self_referencing_list_is_bounded_in_depth_and_size()
    {
        var list = new List<object?>();
        for (var i = 0; i < 64; i++)
        {
            list.Add(list);
        }

        var span = await TestClients.ExportOneAsync(TestClients.Span(attributes: new() { ["self"] = list }));

        static (int Depth, int Count) Measure(object? value) => value is List<object?> items
            ? (1 + items.Select(Measure).Select(m => m.Depth).DefaultIfEmpty(0).Max(), 1 + items.Sum(item => Measure(item).Count))
            : (0, 1);
        var (depth, count) = Measure(span["self"]);
        Assert.InRange(depth, 1, Tracentic.Export.AttributeValue.MaxDepth);
        Assert.InRange(count, 1, Tracentic.Export.AttributeValue.MaxNodes + 1);
    }

    [Fact]
    [Trait("Category", "Slow")] // 55 MB of attributes written, sent and parsed (about 3 s of CPU): left out of the fast loop (README, "Running the tests")
    public async Task One_hundred_spans_at_the_documented_limits_go_out_in_bodies_under_the_request_bound()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver, o =>
        {
            o.QueueCapacity = 200;
            o.ExportTimeout = TimeSpan.FromMinutes(1); // 4 MiB bodies on a busy machine: no timeout, so no resend
        });
        var attributes = Enumerable.Range(0, AttributeLimits.PlatformMaxAttributeCount)
            .ToDictionary(i => new string((char)('a' + (i % 26)), AttributeLimits.PlatformMaxKeyLength - 3) + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
                object? (i) => new string('x', AttributeLimits.PlatformMaxStringValueLength));

        for (var i = 0; i < 100; i++)
        {
            client.RecordSpan(null, TestClients.Span(attributes: attributes));
        }

        await client.FlushAsync();

        Assert.Equal(100, receiver.Spans.Count);
        Assert.All(receiver.Requests, r => Assert.InRange(r.Body.Length, 1, Tracentic.Export.WireLimits.Default.MaxRequestBytes));
        Assert.All(receiver.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task Recording_never_throws_for_an_exception_whose_Message_throws_and_the_span_keeps_a_note()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using (client)
        {
            client.RecordError(null, TestClients.Span(), new ThrowingMessageException());
            await client.FlushAsync();
        }

        var span = Assert.Single(exporter.Spans);
        Assert.Equal(2, span.StatusCode);
        Assert.Equal("<ThrowingMessageException.Message threw InvalidOperationException>", span.StatusMessage);
        Assert.Equal("ThrowingMessageException", span["llm.error.type"]);
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }

    private static IEnumerable<int> ThrowingSequence()
    {
        yield return 1;
        throw new InvalidOperationException("enumeration failed");
    }

    private sealed class ThrowingMessageException : Exception
    {
        public override string Message => throw new InvalidOperationException("no message");
    }
}
