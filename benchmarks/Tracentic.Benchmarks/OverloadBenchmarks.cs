using BenchmarkDotNet.Attributes;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>
/// RecordSpan in a saturated loop when the exporter keeps up (a discarding output) and when it struggles: an output
/// that never answers, so the queue stays full and every span recorded drops the oldest waiting one. Goal: the
/// full-queue path costs at most 2× the normal one. Same span as <see cref="RecordSpanBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OverloadBenchmarks
{
    private TracenticEngine _client = null!;
    private TracenticScope _scope = null!;
    private TracenticSpan _span = null!;

    [Params(false, true)]
    public bool FullQueue { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
        }, new ExportSetup { Output = FullQueue ? (_, _) => new NeverAnsweringExporter() : (_, _) => new DiscardExporter(), HookExits = false });
        _scope = _client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        _span = BenchmarkSpan.Chat();

        // Fill the queue (and the requests in flight) so that the measured calls all take the full-queue path.
        for (var i = 0; i < 4 * new TracenticOptions().QueueCapacity; i++)
        {
            _client.RecordSpan(_scope, _span);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _client.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark]
    public void RecordSpan() => _client.RecordSpan(_scope, _span);
}

/// <summary>An output whose requests never end (until shutdown abandons them): the queue fills and stays full.</summary>
internal sealed class NeverAnsweringExporter : IExportOutput
{
    public async Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return new ExportResult(ExportStatus.Delivered, batch.Count);
    }

    public void Dispose()
    {
    }
}
