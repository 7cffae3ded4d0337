using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// The names under which Tracentic publishes <see cref="Activity"/> objects and metrics in-process. Both are
/// stable: subscribe with <c>AddSource(TracenticTelemetry.SourceName)</c> and <c>AddMeter(TracenticTelemetry.MeterName)</c>,
/// or with <c>AddTracenticInstrumentation()</c> from the <c>Tracentic.OpenTelemetry</c> package.
/// </summary>
public static class TracenticTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/>: scopes are INTERNAL activities, LLM calls CLIENT activities.</summary>
    public const string SourceName = SdkInfo.ScopeName;

    /// <summary>Name of the <see cref="System.Diagnostics.Metrics.Meter"/> with the GenAI client metrics and the cost counter.</summary>
    public const string MeterName = SdkInfo.ScopeName;

    internal static readonly ActivitySource Source = new(SourceName, SdkInfo.Version);

    internal static readonly Meter Meter = new(MeterName, SdkInfo.Version);

    /// <summary>
    /// Stops an activity without disturbing the caller: <see cref="Activity.Stop"/> makes the activity that was
    /// current when it started current again, which is only right when the stopped one is current.
    /// </summary>
    internal static void Stop(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        if (current != activity)
        {
            Activity.Current = current;
        }
    }
}
