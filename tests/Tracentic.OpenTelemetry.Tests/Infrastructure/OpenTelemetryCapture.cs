using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tracentic.OpenTelemetry.Tests.Infrastructure;

/// <summary>
/// The real OpenTelemetry SDK listening in-process, as an application configures it: a tracer provider and a
/// meter provider with <c>AddTracenticInstrumentation()</c>, exporting to memory.
/// </summary>
internal sealed class OpenTelemetryCapture : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;
    private readonly ActivityLog _activities = new();
    private readonly List<MetricSnapshot> _metrics = [];

    public OpenTelemetryCapture(params string[] otherSources)
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddTracenticInstrumentation()
            .AddSource(otherSources)
            .AddInMemoryExporter(_activities)
            .Build();
        _metering = Sdk.CreateMeterProviderBuilder()
            .AddTracenticInstrumentation()
            .AddInMemoryExporter(_metrics)
            .Build();
    }

    /// <summary>Activities exported so far (an activity is exported when it stops).</summary>
    public IReadOnlyList<Activity> Activities => _activities.Snapshot();

    /// <summary>The one activity named <paramref name="displayName"/>, waiting (bounded) for it if it stops on another thread.</summary>
    public Activity Single(string displayName) => _activities.Single(a => a.DisplayName == displayName);

    /// <summary>Collects the metrics now and returns the snapshot of each instrument by name.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        _metrics.Clear();
        Assert.True(_metering.ForceFlush());
        return _metrics.ToDictionary(m => m.Name);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metering.Dispose();
    }
}
