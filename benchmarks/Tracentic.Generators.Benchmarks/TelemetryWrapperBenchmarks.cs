using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Tracentic;
using Tracentic.Benchmarks;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Testing;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// Generated wrappers with a configured engine (a discarding output), with nothing listening and with an
/// OpenTelemetry SDK listener: a scope becomes an INTERNAL activity, an LLM call a CLIENT activity plus the GenAI
/// metrics. With both outputs, the standard OTLP output sends to a counting loopback receiver as well.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TelemetryWrapperBenchmarks
{
    /// <summary>A source the listener also listens to: the cost of an activity alone, the floor under a scope's.</summary>
    private static readonly ActivitySource Bare = new("Bench.BareActivity");

    private readonly Client _client = new();
    private ITracentic? _tracentic;
    private OpenTelemetryListener? _listener;

    private CountingSink? _otlpReceiver;

    [Params(Listener.None, Listener.OpenTelemetry)]
    public Listener Listener { get; set; }

    [Params(false, true)]
    public bool BothOutputs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = OpenTelemetryListener.Start(Listener, Bare.Name);
        _otlpReceiver = BothOutputs
            ? CountingSink.StartAsync().GetAwaiter().GetResult()
            : null;
        var client = new TracenticEngine(
            new TracenticOptions
            {
                ServiceName = "bench",
                CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
                Otlp = _otlpReceiver is null ? null : new OtlpOutputOptions { Endpoint = _otlpReceiver.Endpoint },
            },
            new ExportSetup { Output = static (_, _) => new DiscardExporter(), HookExits = false });
        TracenticSdk.Install(client);
        _tracentic = client;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _tracentic!.ShutdownAsync();
        _listener?.Dispose();
        if (_otlpReceiver is not null)
        {
            await _otlpReceiver.DisposeAsync();
        }
    }

    [Benchmark]
    public int ScopeWrapper() => _client.Scoped(1);

    /// <summary>An INTERNAL activity started and stopped, with no tags: what any instrumented library pays per span.</summary>
    [Benchmark]
    public int BareActivity()
    {
        using var activity = Bare.StartActivity("bare");
        return 2;
    }

    [Benchmark(Baseline = true)]
    public Reply LlmWrapper() => _client.Ask();

    [Benchmark]
    public Task<Reply> LlmWrapperAsyncCompleted() => _client.AskAsync();
}
