using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

public class ClientTests
{
    private static readonly Dictionary<string, ModelPricing> Pricing = new()
    {
        ["claude-sonnet-4-20250514"] = new ModelPricing(3.0, 15.0),
        ["gpt-4o"] = new ModelPricing(2.5, 10.0),
    };

    [Theory]
    [InlineData("claude-sonnet-4-20250514", 1000L, 500L, 1000 / 1e6 * 3.0 + 500 / 1e6 * 15.0)]
    [InlineData("gpt-4o", 1_000_000L, 1_000_000L, 12.5)]
    [InlineData("gpt-4o", 0L, 0L, 0.0)]
    [InlineData("gpt-4o", 123_457L, 0L, 123_457 / 1e6 * 2.5)]
    public async Task Cost_is_input_and_output_tokens_times_their_price_per_million(string model, long input, long output, double expected)
    {
        var span = await TestClients.ExportOneAsync(
            TestClients.Span(model: model, inputTokens: input, outputTokens: output), o => o.CustomPricing = Pricing);

        Assert.Equal(expected, (double)span["llm.cost.total_usd"]!, 12);
        Assert.Equal(input + output, span["llm.usage.total_tokens"]);
    }

    public static TheoryData<string?, long?, long?> IncompleteUsage => new()
    {
        { null, 10L, 20L },
        { "gpt-4o", null, 20L },
        { "gpt-4o", 10L, null },
        { "gpt-4o", null, null },
    };

    [Theory]
    [MemberData(nameof(IncompleteUsage))]
    public async Task No_cost_without_a_model_and_both_token_counts(string? model, long? input, long? output)
    {
        var span = await TestClients.ExportOneAsync(
            TestClients.Span(model: model, inputTokens: input, outputTokens: output), o => o.CustomPricing = Pricing);

        Assert.Null(span["llm.cost.total_usd"]);
        Assert.Equal(input + output, (long?)span["llm.usage.total_tokens"]); // only when both counts are known
        Assert.Equal(input, (long?)span["llm.usage.input_tokens"]);
        Assert.Equal(output, (long?)span["llm.usage.output_tokens"]);
        Assert.Equal(model, span["llm.request.model"]);
    }

    [Fact]
    public async Task An_unpriced_model_gets_no_cost_and_one_warning_per_model()
    {
        var log = new CapturingLoggerProvider();
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.CustomPricing = Pricing;
            o.LoggerFactory = log.CreateFactory();
        });
        await using var _c = client;

        foreach (var model in new[] { "llama-3", "gpt-4o", "llama-3", "mistral-large", "llama-3", "GPT-4O" })
        {
            client.RecordSpan(null, TestClients.Span(model: model));
        }

        await client.FlushAsync();
        client.RecordSpan(null, TestClients.Span(model: "llama-3"));
        await client.FlushAsync();

        Assert.Equal([false, true, false, false, false, false, false], exporter.Spans.Select(s => s.Attributes.ContainsKey("llm.cost.total_usd")));
        var warnings = log.Warnings.ToList();
        Assert.Single(warnings, w => w.Contains("'llama-3'", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("'mistral-large'", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("'GPT-4O'", StringComparison.Ordinal)); // exact, case-sensitive match
        Assert.DoesNotContain(warnings, w => w.Contains("'gpt-4o'", StringComparison.Ordinal));
        Assert.Contains("CustomPricing", warnings[0]);
    }

    [Fact]
    public async Task No_pricing_warning_without_token_counts_or_for_error_spans()
    {
        var log = new CapturingLoggerProvider();
        var (client, _) = InMemoryExporter.CreateClient(o => o.LoggerFactory = log.CreateFactory());
        await using var _c = client;

        client.RecordSpan(null, TestClients.Span(model: "unpriced", inputTokens: null));
        client.RecordError(null, TestClients.Span(model: "unpriced"), new InvalidOperationException("x"));
        await client.FlushAsync();

        Assert.Empty(log.Warnings);
    }

    [Theory]
    [InlineData("anthropic", "chat", "llm.anthropic.chat")]
    [InlineData("openai", "embedding", "llm.openai.embedding")]
    [InlineData("anthropic", null, "llm.anthropic")]
    [InlineData("anthropic", "", "llm.anthropic")]
    [InlineData(null, "chat", "llm.call")]
    [InlineData("", "chat", "llm.call")]
    [InlineData(null, null, "llm.call")]
    public async Task Span_names_are_llm_provider_operation(string? provider, string? operation, string expected)
    {
        var span = await TestClients.ExportOneAsync(TestClients.Span(provider: provider, operationType: operation));

        Assert.Equal(expected, span.Name);
        Assert.Equal(provider, span["llm.provider"]);
        Assert.Equal(operation, span["llm.request.type"]);
    }

    [Fact]
    public async Task An_error_span_carries_the_exception_type_and_message_and_no_cost()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.CustomPricing = Pricing);
        await using var _c = client;
        var scope = client.Begin("s");

        client.RecordError(scope, TestClients.Span(model: "gpt-4o"), new HttpRequestException("rate limited (429)"));
        client.RecordSpan(scope, TestClients.Span(model: "gpt-4o"));
        await client.FlushAsync();

        var (error, ok) = (exporter.Spans[0], exporter.Spans[1]);
        Assert.Equal("HttpRequestException", error["llm.error.type"]);
        Assert.Equal(2, error.StatusCode);
        Assert.Equal("rate limited (429)", error.StatusMessage);
        Assert.Null(error["llm.cost.total_usd"]);
        Assert.Equal(100L, error["llm.usage.input_tokens"]);
        Assert.Equal("llm.openai.chat", error.Name);
        Assert.Equal(scope.Id, error.ScopeId);
        Assert.Equal(1, ok.StatusCode);
        Assert.Null(ok.StatusMessage);
        Assert.Null(ok["llm.error.type"]);
        Assert.NotNull(ok["llm.cost.total_usd"]);
    }

    [Fact]
    public async Task Null_arguments_are_programmer_errors()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;

        Assert.Throws<ArgumentNullException>(() => client.RecordSpan(null, null!));
        Assert.Throws<ArgumentNullException>(() => client.RecordSpan(null!));
        Assert.Throws<ArgumentNullException>(() => client.RecordError(null, TestClients.Span(), null!));
        Assert.Throws<ArgumentNullException>(() => client.RecordError(null, null!, new Exception()));
    }

    [Fact]
    public async Task Bad_span_data_is_sanitized_with_one_warning_per_kind_instead_of_throwing()
    {
        var log = new CapturingLoggerProvider();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.LoggerFactory = log.CreateFactory();
            o.TimeProvider = clock;
        });
        await using var _c = client;
        var start = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);

        client.RecordSpan(null, new TracenticSpan { Provider = "openai", InputTokens = -5, OutputTokens = 7 });
        client.RecordSpan(null, new TracenticSpan { StartedAt = start, EndedAt = start.AddSeconds(-3) });
        client.RecordSpan(null, new TracenticSpan { StartedAt = start, InputTokens = -1 });
        var flush = client.FlushAsync();
        await flush;

        var spans = exporter.Spans;
        var now = (clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        var startNanos = (start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        Assert.Equal(now, spans[0].StartTimeUnixNano);
        Assert.Equal(now, spans[0].EndTimeUnixNano);
        Assert.Null(spans[0]["llm.usage.input_tokens"]);
        Assert.Equal(7L, spans[0]["llm.usage.output_tokens"]);
        Assert.Equal(spans[1].StartTimeUnixNano, spans[1].EndTimeUnixNano);
        Assert.Equal(startNanos, spans[1].StartTimeUnixNano);
        Assert.Equal(0L, spans[1]["llm.duration_ms"]);
        Assert.Equal(now, spans[2].EndTimeUnixNano);
        var warnings = log.Warnings.ToList();
        Assert.Single(warnings, w => w.Contains("negative token count", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("without StartedAt or EndedAt", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains("ended before it started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spans_recorded_after_shutdown_are_dropped_with_one_warning()
    {
        var log = new CapturingLoggerProvider();
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.LoggerFactory = log.CreateFactory());

        client.RecordSpan(null, TestClients.Span(model: "before"));
        await client.ShutdownAsync();
        client.RecordSpan(null, TestClients.Span(model: "after"));
        client.RecordError(null, TestClients.Span(model: "after"), new Exception());
        await client.ShutdownAsync(); // safe to repeat
        await client.DisposeAsync();
        await client.FlushAsync();

        Assert.Equal("before", Assert.Single(exporter.Spans)["llm.request.model"]);
        Assert.Single(log.Warnings, w => w.Contains("after ShutdownAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_API_key_spans_are_recorded_but_nothing_is_sent_and_nothing_throws()
    {
        var log = new CapturingLoggerProvider();
        await using var receiver = await IngestReceiver.StartAsync();
        var client = TestClients.ForReceiver(receiver, o =>
        {
            o.ApiKey = null;
            o.LoggerFactory = log.CreateFactory();
        });

        var scope = client.Begin("local");
        client.RecordSpan(scope, TestClients.Span());
        client.RecordError(scope, TestClients.Span(), new Exception("x"));
        await client.FlushAsync();
        await client.ShutdownAsync();

        Assert.Empty(receiver.Requests);
        Assert.Equal(0, client.DroppedSpans);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("no ApiKey configured", StringComparison.Ordinal));
    }

    [Fact]
    public void Begin_with_a_dictionary_literal_compiles_without_ambiguity()
    {
        ITracentic tracentic = InMemoryExporter.CreateClient().Client;

        var scope = tracentic.Begin("x", new() { ["a"] = 1 });

        Assert.Equal(1, scope.Attributes["a"]);
    }
}

[Collection(ProcessWideState.Name)]
public class ConfiguredInstanceTests
{
    [Fact]
    public async Task Current_throws_a_message_naming_Configure_until_an_instance_is_configured()
    {
        TracenticSdk.Install(null);
        try
        {
            Assert.False(TracenticSdk.IsConfigured);
            var ex = Assert.Throws<InvalidOperationException>(() => TracenticSdk.Current);
            Assert.Contains("TracenticSdk.Configure", ex.Message);

            var configured = TracenticSdk.Configure(new TracenticOptions { ServiceName = "configured" });

            Assert.True(TracenticSdk.IsConfigured);
            Assert.Same(configured, TracenticSdk.Current);
            await configured.ShutdownAsync();
            Assert.False(TracenticSdk.IsConfigured); // shutting the configured instance down unconfigures it
        }
        finally
        {
            TracenticSdk.Install(null);
        }
    }

    [Fact]
    public async Task Configuring_again_replaces_the_instance_and_shuts_the_previous_one_down_after_delivering_its_spans()
    {
        var first = new InMemoryExporter();
        var second = new InMemoryExporter();
        try
        {
            var a = new TracenticEngine(new TracenticOptions { BatchDelay = TimeSpan.FromMinutes(1) }, first.Setup);
            TracenticSdk.Install(a);
            a.RecordSpan(null, TestClients.Span(model: "to-first"));

            var b = new TracenticEngine(new TracenticOptions(), second.Setup);
            TracenticSdk.Install(b); // what Configure does

            Assert.Same(b, TracenticSdk.Current);
            await a.ShutdownAsync(); // already shutting down in the background: waits for nothing new, returns
            await WaitUntilAsync(() => first.Spans.Count == 1);
            Assert.Equal("to-first", first.Spans[0]["llm.request.model"]);
            TracenticSdk.Current.RecordSpan(null, TestClients.Span(model: "to-second"));
            await TracenticSdk.Current.FlushAsync();
            Assert.Equal("to-second", Assert.Single(second.Spans)["llm.request.model"]);
        }
        finally
        {
            if (TracenticSdk.Instance is { } current)
            {
                await current.ShutdownAsync();
            }

            TracenticSdk.Install(null);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
