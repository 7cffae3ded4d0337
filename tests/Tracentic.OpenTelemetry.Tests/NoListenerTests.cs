using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracentic.Instrumentation;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>Without a listener for the Tracentic source and meter, Tracentic creates no activity and measures nothing.</summary>
public sealed class NoListenerTests
{
    private static readonly LlmCallSite Site = new("openai", "chat", "gpt-4o", "Bot.Ask");

    [Fact]
    public void Nothing_is_created_when_only_other_sources_are_listened_to()
    {
        var started = new ConcurrentQueue<Activity>(); // other tests' HTTP calls start activities on other threads meanwhile
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name != "Tracentic", // an application listening to everything else
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = started.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != "Tracentic")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        // Only Tracentic's instruments count: other meters (the runtime's, Kestrel's from an earlier test) may measure.
        meters.SetMeasurementEventCallback<long>((instrument, _, _, _) => measurements += instrument.Meter.Name == "Tracentic" ? 1 : 0);
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => measurements += instrument.Meter.Name == "Tracentic" ? 1 : 0);
        meters.Start();

        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var scope = engine.Begin("quiet");
        engine.RecordSpan(scope, Engines.Chat());
        using (TracenticInstrumentation.EnterScope("generated"))
        {
            LlmCall.Start(Site).Succeed(new LlmUsage(1, 1));
            Assert.Null(Activity.Current);
        }

        scope.End();

        Assert.Null(scope.Activity);
        Assert.DoesNotContain(started, a => a.Source.Name == "Tracentic");
        Assert.Equal(0, measurements);
        Assert.False(Telemetry.GenAiMetrics.Enabled); // no Tracentic instrument was enabled, so none measured
        Assert.Equal(32, scope.TraceId.Length); // trace identity does not need a listener
    }
}
