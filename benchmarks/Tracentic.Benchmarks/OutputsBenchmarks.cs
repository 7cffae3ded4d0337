using BenchmarkDotNet.Attributes;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// RecordSpan (and a scope begun and ended around one span) with one output and with two, both discarding, so that
/// what is measured is recording, the queue and resolution, not a second output's HTTP work. Goal: two outputs cost at
/// most 1.2× one. The second output sends scopes, as standard OTLP does. Same span as <see cref="RecordSpanBenchmarks"/>.
/// With nothing listening, and with the OpenTelemetry SDK listening (each call then also starts and stops an activity
/// and records the GenAI metrics).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OutputsBenchmarks
{
    private TracenticEngine _client = null!;
    private TracenticScope _scope = null!;
    private TracenticSpan _span = null!;
    private OpenTelemetryListener? _listener;

    [Params(Listener.None, Listener.OpenTelemetry)]
    public Listener Listener { get; set; }

    [Params(1, 2)]
    public int OutputCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = OpenTelemetryListener.Start(Listener);
        _client = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
        }, new ExportSetup
        {
            Output = (_, _) => new DiscardExporter(),
            SecondOutput = OutputCount == 2 ? (_, _) => new DiscardExporter(sendsScopes: true) : null,
            HookExits = false,
        });
        _scope = _client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        _span = BenchmarkSpan.Chat();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.ShutdownAsync().GetAwaiter().GetResult();
        _listener?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void RecordSpan() => _client.RecordSpan(_scope, _span);

    [Benchmark]
    public void ScopeWithOneSpan()
    {
        var scope = _client.Begin("step");
        _client.RecordSpan(scope, _span);
        scope.End();
    }
}
