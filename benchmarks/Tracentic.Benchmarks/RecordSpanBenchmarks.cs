using System.Globalization;
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
    private DiscardExporter _output = null!;
    private DateTimeOffset _start;
    private long _calls;

    [GlobalSetup]
    public void Setup()
    {
        _client = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
        }, new ExportSetup { Output = (_, _) => _output = new DiscardExporter(), HookExits = false });
        _scope = _client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        _start = DateTimeOffset.UtcNow;
        _span = NewSpan();
    }

    /// <summary>
    /// Says how many of the spans the export took while the benchmark ran: what the loop costs depends on it (a span the
    /// export never reads costs recording less than one whose cache lines go to the export core and back).
    /// </summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var taken = Interlocked.Read(ref _output.Exported);
        _client.ShutdownAsync().GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// The export took {taken:N0} of the {_calls:N0} spans recorded ({(double)taken / Math.Max(1, _calls):P0}) while the benchmark ran."));
    }

    /// <summary>The caller reuses one span object (allowed: recording copies it).</summary>
    [Benchmark(Baseline = true)]
    public void RecordSpan()
    {
        _calls++;
        _client.RecordSpan(_scope, _span);
    }

    /// <summary>The usual user code: a new span object per call, included in the cost.</summary>
    [Benchmark]
    public void RecordNewSpan()
    {
        _calls++;
        _client.RecordSpan(_scope, NewSpan());
    }

    [Benchmark]
    public void RecordError()
    {
        _calls++;
        _client.RecordError(_scope, _span, BenchmarkException.Instance);
    }

    private TracenticSpan NewSpan() => BenchmarkSpan.Chat(_start);

    private sealed class BenchmarkException() : Exception("rate limited")
    {
        public static readonly BenchmarkException Instance = new();
    }
}
