using BenchmarkDotNet.Attributes;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Export.Wire;
using Tracentic.Core;

namespace Tracentic.Benchmarks;

/// <summary>
/// Throughput of the OTLP JSON writers on one batch of 512 typical spans (reported per span: spans/s = 1e9 / Mean ns):
/// the Tracentic ingest flavour and the standard OTLP flavour on the same batch. The batch is <see cref="TypicalBatch"/>'s.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OtlpJsonWriterBenchmarks
{
    private const int BatchSize = 512;

    private OtlpJsonWriter _writer = null!;
    private OtlpJsonWriter _otlpWriter = null!;
    private List<ResolvedSpan> _batch = null!;
    private TracenticEngine _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = TypicalBatch.Engine();
        _writer = new OtlpJsonWriter(_client.Settings, _client.Log, WireLimits.Default, WireFlavour.TracenticIngest);
        _otlpWriter = new OtlpJsonWriter(_client.Settings, _client.Log, WireLimits.Default, WireFlavour.StandardOtlp);
        var resolver = new SpanResolver(_client.Settings, _client.Log);
        _batch = [.. TypicalBatch.Recorded(_client, BatchSize).Select(recorded => resolver.Resolve(recorded, new ResolvedSpan()))];
        _writer.Write(_batch, out var body);
        BytesPerBatch = body.Length;
        Console.WriteLine($"// one batch of {BatchSize} spans is {BytesPerBatch:N0} bytes of JSON ({BytesPerBatch / BatchSize} B/span)");
        _otlpWriter.Write(_batch, out body);
        Console.WriteLine($"// the same batch as standard OTLP is {body.Length:N0} bytes of JSON ({body.Length / BatchSize} B/span)");
    }

    public int BytesPerBatch { get; private set; }

    [GlobalCleanup]
    public void Cleanup() => _client.ShutdownAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int WriteBatchOf512() => _writer.Write(_batch, out _);

    /// <summary>The same batch in the standard OTLP flavour (hex ids, CLIENT spans, the GenAI attributes beside the Tracentic ones).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int WriteOtlpBatchOf512() => _otlpWriter.Write(_batch, out _);
}
