using Tracentic.Telemetry;

namespace OpenTelemetry.Trace;

/// <summary>Registers Tracentic's activities with an OpenTelemetry tracer provider.</summary>
public static class TracenticTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to the <c>Tracentic</c> activity source: every Tracentic scope becomes an INTERNAL span and every
    /// LLM call a CLIENT span under it, with the GenAI semantic-convention attributes, nested under the
    /// application's own spans (an ASP.NET Core request, say).
    /// </summary>
    public static TracerProviderBuilder AddTracenticInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(TracenticTelemetry.SourceName);
    }
}
