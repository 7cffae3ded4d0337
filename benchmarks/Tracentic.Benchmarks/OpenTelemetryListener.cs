using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tracentic.Benchmarks;

/// <summary>Who listens to the Tracentic source and meter during a benchmark.</summary>
public enum Listener
{
    /// <summary>Nothing: Tracentic must create no activity and measure nothing.</summary>
    None,

    /// <summary>The OpenTelemetry SDK with AddTracenticInstrumentation(), a batch processor and a discarding exporter.</summary>
    OpenTelemetry,
}

/// <summary>The OpenTelemetry SDK as an application configures it, exporting nowhere: the cost is Tracentic's and the SDK's.</summary>
internal sealed class OpenTelemetryListener : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;

    private OpenTelemetryListener(string[] otherSources)
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddTracenticInstrumentation()
            .AddSource(otherSources)
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingActivityExporter()))
            .Build();
        _metering = Sdk.CreateMeterProviderBuilder()
            .AddTracenticInstrumentation()
            .AddMeter(otherSources)
            .AddInMemoryExporter(new List<Metric>()) // aggregates on every measurement; collected only on demand
            .Build();
    }

    /// <summary>The listener, also subscribed to <paramref name="otherSources"/> (activity sources and meters of the same names).</summary>
    public static OpenTelemetryListener? Start(Listener listener, params string[] otherSources) =>
        listener == Listener.OpenTelemetry ? new OpenTelemetryListener(otherSources) : null;

    public void Dispose()
    {
        _tracing.Dispose();
        _metering.Dispose();
    }

    private sealed class DiscardingActivityExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }
}
