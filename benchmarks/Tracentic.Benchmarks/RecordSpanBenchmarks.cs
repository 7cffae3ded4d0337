using BenchmarkDotNet.Attributes;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// The cost on the caller's thread of recording one LLM span: a scope with 1 attribute, 2 global attributes
/// from the options, a span without attributes, exported to a sink that discards. Goal: ≤ 150 ns, ≤ 256 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RecordSpanBenchmarks
{
    private TracenticEngine _client = null!;
    private TracenticScope _scope = null!;
    private TracenticSpan _span = null!;
    private DateTimeOffset _start;

    [GlobalSetup]
    public void Setup()
    {
        _client = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
        }, new ExportSetup { Output = (_, _) => new DiscardExporter(), HookExits = false });
        _scope = _client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        _start = DateTimeOffset.UtcNow;
        _span = NewSpan();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.ShutdownAsync().GetAwaiter().GetResult();

    /// <summary>The caller reuses one span object (allowed: recording copies it).</summary>
    [Benchmark(Baseline = true)]
    public void RecordSpan() => _client.RecordSpan(_scope, _span);

    /// <summary>The usual user code: a new span object per call, included in the cost.</summary>
    [Benchmark]
    public void RecordNewSpan() => _client.RecordSpan(_scope, NewSpan());

    [Benchmark]
    public void RecordError() => _client.RecordError(_scope, _span, BenchmarkException.Instance);

    private TracenticSpan NewSpan() => BenchmarkSpan.Chat(_start);

    private sealed class BenchmarkException() : Exception("rate limited")
    {
        public static readonly BenchmarkException Instance = new();
    }
}
