using BenchmarkDotNet.Attributes;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// RecordSpan (and a scope begun and ended around one span) with nothing listening and with an OpenTelemetry SDK
/// listener, with the ingest output alone (discarding) and with the standard OTLP output beside it (HTTP to the counting
/// loopback sink). Same span as <see cref="RecordSpanBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TelemetryRecordSpanBenchmarks
{
    private TracenticEngine _client = null!;
    private TracenticScope _scope = null!;
    private TracenticSpan _span = null!;
    private OpenTelemetryListener? _listener;
    private LoadSink? _otlpSink;

    [Params(Listener.None, Listener.OpenTelemetry)]
    public Listener Listener { get; set; }

    [Params(Outputs.Ingest, Outputs.IngestAndOtlp)]
    public Outputs Outputs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = OpenTelemetryListener.Start(Listener);
        _otlpSink = Outputs == Outputs.IngestAndOtlp ? LoadSink.StartAsync().GetAwaiter().GetResult() : null;
        (_client, _scope, _span, _) = IngestAndOtlpSetup.Create(_otlpSink?.BaseUrl);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.ShutdownAsync().GetAwaiter().GetResult();
        _listener?.Dispose();
        _otlpSink?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One LLM span in an open scope: plus a CLIENT activity and 4 measurements when listened to.</summary>
    [Benchmark(Baseline = true)]
    public void RecordSpan() => _client.RecordSpan(_scope, _span);

    /// <summary>A scope begun and ended with one span in it: plus an INTERNAL activity when listened to, and a scope span for standard OTLP.</summary>
    [Benchmark]
    public void ScopeWithOneSpan()
    {
        var scope = _client.Begin("step");
        _client.RecordSpan(scope, _span);
        scope.End();
    }
}

/// <summary>Which outputs the engine exports to during a benchmark.</summary>
public enum Outputs
{
    /// <summary>The Tracentic ingest only (a discarding output).</summary>
    Ingest,

    /// <summary>The Tracentic ingest and the standard OTLP output (HTTP to a loopback sink), each with its own queue.</summary>
    IngestAndOtlp,
}
