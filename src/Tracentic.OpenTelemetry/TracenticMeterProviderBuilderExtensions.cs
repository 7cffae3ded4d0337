using Tracentic.Telemetry;

namespace OpenTelemetry.Metrics;

/// <summary>Registers Tracentic's metrics with an OpenTelemetry meter provider.</summary>
public static class TracenticMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to the <c>Tracentic</c> meter: <c>gen_ai.client.token.usage</c> and
    /// <c>gen_ai.client.operation.duration</c> (with the GenAI semantic conventions' bucket boundaries) and the
    /// <c>tracentic.client.cost</c> counter (US dollars, from <c>TracenticOptions.CustomPricing</c>).
    /// </summary>
    public static MeterProviderBuilder AddTracenticInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(TracenticTelemetry.MeterName);
    }
}
