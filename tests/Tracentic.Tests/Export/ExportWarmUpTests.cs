using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests.Export;

/// <summary>
/// The export thread runs its per-span path once on made-up spans before the first real one, so that a burst recorded
/// at start-up does not wait for that code to compile; the application sees nothing of it.
/// </summary>
public sealed class ExportWarmUpTests
{
    [Fact]
    public async Task Every_output_writes_a_made_up_LLM_span_and_scope_span_before_any_span_is_recorded_and_sends_neither()
    {
        var first = new PreparedOutput();
        var second = new PreparedOutput();
        var engine = new TracenticEngine(
            new TracenticOptions { ServiceName = "test-service" },
            new ExportSetup { Output = (_, _) => first, SecondOutput = (_, _) => second, HookExits = false });

        await engine.ShutdownAsync(); // the loop warms up first, then sees the shutdown

        foreach (var output in new[] { first, second })
        {
            var sample = Assert.Single(output.Samples);
            Assert.Equal([false, true], sample.Select(span => span.IsScope));
            Assert.Equal(0, output.Exports);
        }
    }

    [Fact]
    public async Task Warming_up_sends_no_request_and_logs_nothing_even_where_the_same_span_recorded_would_warn()
    {
        await using var ingest = await IngestReceiver.StartAsync();
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        var log = new CapturingLoggerProvider();
        var engine = TestClients.ForReceiver(ingest, options =>
        {
            options.LoggerFactory = log.CreateFactory();
            options.Otlp = new OtlpOutputOptions { Endpoint = otlp.BaseUrl };
            options.CustomPricing = new(); // the sample's model has no price: a real span would warn
            options.AttributeLimits = new AttributeLimits { MaxAttributeCount = 1 };
            options.GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" }; // over the cap: a real span would warn
        });

        await engine.ShutdownAsync();

        Assert.Empty(log.Entries);
        Assert.Empty(ingest.Requests);
        Assert.Empty(otlp.Requests);
    }

    /// <summary>An output that keeps what it was asked to prepare and counts what it was asked to send.</summary>
    private sealed class PreparedOutput : IExportOutput
    {
        private readonly List<ResolvedSpan[]> _samples = [];
        private int _exports;

        public IReadOnlyList<ResolvedSpan[]> Samples
        {
            get
            {
                lock (_samples)
                {
                    return [.. _samples];
                }
            }
        }

        public int Exports => Volatile.Read(ref _exports);

        public bool SendsScopes => true;

        public void Prepare(IReadOnlyList<ResolvedSpan> sample)
        {
            lock (_samples)
            {
                _samples.Add([.. sample]);
            }
        }

        public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _exports);
            return Task.FromResult(new ExportResult(ExportStatus.Delivered, batch.Count));
        }

        public void Dispose()
        {
        }
    }
}
