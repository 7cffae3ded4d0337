using BenchmarkDotNet.Attributes;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Export.Wire;
using Tracentic.Core;

namespace Tracentic.Benchmarks;

/// <summary>
/// Throughput of the OTLP JSON writers on one batch of 512 typical spans (reported per span: spans/s = 1e9 / Mean ns):
/// the Tracentic ingest flavour and the standard OTLP flavour on the same batch. Typical: 8 scopes with 2 attributes, 2 global attributes, tokens and a priced model, 2 span attributes, 1 in 16 an error.
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
        _client = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0), ["claude-sonnet-4-20250514"] = new ModelPricing(3.0, 15.0) },
        }, new ExportSetup { Output = (_, _) => new DiscardExporter(), HookExits = false });
        _writer = new OtlpJsonWriter(_client.Settings, _client.Log, WireLimits.Default, WireFlavour.TracenticIngest);
        _otlpWriter = new OtlpJsonWriter(_client.Settings, _client.Log, WireLimits.Default, WireFlavour.StandardOtlp);
        var resolver = new SpanResolver(_client.Settings, _client.Log);
        var scopes = Enumerable.Range(0, 8)
            .Select(i => _client.Begin($"rag-pipeline-{i}", new() { ["user_id"] = $"user-{i}", ["tier"] = "gold" }, correlationId: $"order-{i}"))
            .ToArray();
        var start = DateTimeOffset.UtcNow;
        _batch = [.. Enumerable.Range(0, BatchSize).Select(i =>
        {
            var span = new TracenticSpan
            {
                StartedAt = start.AddMilliseconds(i),
                EndedAt = start.AddMilliseconds(i + 850),
                Provider = i % 2 == 0 ? "openai" : "anthropic",
                Model = i % 2 == 0 ? "gpt-4o" : "claude-sonnet-4-20250514",
                InputTokens = 1000 + i,
                OutputTokens = 200 + i,
                OperationType = "chat",
                Attributes = new() { ["step"] = "synthesis", ["attempt"] = i % 3 },
            };
            var recorded = new RecordedSpan
            {
                Call = new RecordedCall
                {
                    Scope = scopes[i % scopes.Length],
                    StartUnixNanos = UnixNanos.Of(span.StartedAt),
                    EndUnixNanos = UnixNanos.Of(span.EndedAt),
                    Provider = span.Provider,
                    Model = span.Model,
                    OperationType = span.OperationType,
                    InputTokens = span.InputTokens,
                    OutputTokens = span.OutputTokens,
                    Attributes = RecordedSpan.CopyAttributes(span.Attributes),
                    GlobalContext = TracenticGlobalContext.Current.Snapshot,
                    Error = i % 16 == 0 ? new RecordedError("HttpRequestException", null, "Response status code does not indicate success: 429 (Too Many Requests).") : null,
                },
            };
            var resolved = resolver.Resolve(recorded, new ResolvedSpan());
            return resolved;
        })];
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
