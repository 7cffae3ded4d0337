using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tracentic.Providers.Tests.Infrastructure;

/// <summary>
/// Listens to the <c>Tracentic</c> source and meter (and to Microsoft.Extensions.AI's, for the side-by-side tests) the
/// way any OpenTelemetry pipeline does: every activity fully recorded, every measurement of the GenAI histograms kept.
/// </summary>
internal sealed class ActivityCapture : IDisposable
{
    public const string ExtensionsAISource = "Experimental.Microsoft.Extensions.AI";

    private readonly ActivityListener _listener;
    private readonly MeterListener _meters = new();
    private readonly List<Activity> _stopped = [];
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Tracentic" or ExtensionsAISource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is "Tracentic" or ExtensionsAISource)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>The stopped activities of <paramref name="source"/>.</summary>
    public IReadOnlyList<Activity> From(string source)
    {
        lock (_stopped)
        {
            return [.. _stopped.Where(a => a.Source.Name == source)];
        }
    }

    /// <summary>The one LLM-call activity Tracentic recorded.</summary>
    public Activity SingleCall() => Assert.Single(From("Tracentic"), a => a.Kind == ActivityKind.Client);

    /// <summary>Every measurement of <paramref name="instrument"/> from <paramref name="meter"/>.</summary>
    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Measurements(string meter, string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == meter + "/" + instrument).Select(m => (m.Value, m.Tags))];
        }
    }

    private void Measure<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Meter.Name + "/" + instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }
}
