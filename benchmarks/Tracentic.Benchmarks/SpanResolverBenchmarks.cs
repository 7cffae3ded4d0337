using BenchmarkDotNet.Attributes;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>
/// The export thread's resolution of one span (attribute layers merged, limits, name, cost), per span of a batch of
/// 512 (<see cref="TypicalBatch"/>), into resolved spans that are reused as the export thread reuses them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SpanResolverBenchmarks
{
    private const int BatchSize = 512;

    private TracenticEngine _client = null!;
    private SpanResolver _resolver = null!;
    private RecordedSpan[] _batch = null!;
    private ResolvedSpan[] _resolved = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = TypicalBatch.Engine();
        _resolver = new SpanResolver(_client.Settings, _client.Log);
        _batch = TypicalBatch.Recorded(_client, BatchSize);
        _resolved = [.. Enumerable.Range(0, BatchSize).Select(_ => new ResolvedSpan())];
    }

    [GlobalCleanup]
    public void Cleanup() => _client.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long ResolveBatchOf512()
    {
        var durations = 0L;
        for (var i = 0; i < BatchSize; i++)
        {
            _resolved[i].Reset();
            durations += _resolver.Resolve(_batch[i], _resolved[i]).DurationMs;
        }

        return durations;
    }
}
