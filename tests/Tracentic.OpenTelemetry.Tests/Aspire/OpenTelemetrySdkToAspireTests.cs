using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests.Aspire;

/// <summary>
/// The application's own OpenTelemetry pipeline (<c>AddTracenticInstrumentation()</c> and the SDK's OTLP exporter)
/// delivers Tracentic's scopes and LLM calls to the real Aspire dashboard.
/// </summary>
[Trait("Category", "Slow")] // the Aspire dashboard as a child process: left out of the fast loop (README, "Running the tests")
public sealed class OpenTelemetrySdkToAspireTests
{
    [Fact]
    public async Task Scopes_and_llm_calls_reach_the_dashboard_through_the_applications_own_pipeline()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        var engine = Engines.InProcessOnly();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService("otel-sdk-app"))
            .AddTracenticInstrumentation()
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri(dashboard.OtlpUrl + "/v1/traces");
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build())
        {
            using var scope = engine.Begin("support-answer");
            engine.RecordSpan(scope, Engines.Chat());
        }

        var spans = await dashboard.WaitForSpansAsync(2, TimeSpan.FromSeconds(20));
        var scopeSpan = Assert.Single(spans, s => s.Name == "support-answer");
        var llm = Assert.Single(spans, s => s.Name == "chat gpt-4o");
        Assert.Equal("otel-sdk-app", llm.Service);
        Assert.Equal("Tracentic", llm.Scope);
        Assert.Equal(scopeSpan.SpanId, llm.ParentSpanId);
        Assert.Equal(scopeSpan.TraceId, llm.TraceId);
        Assert.Equal((int)ActivityKind.Client + 1, llm.Kind); // OTLP kinds are ActivityKind + 1: CLIENT = 3
        Assert.Equal("openai", llm["gen_ai.provider.name"]);
        Assert.Equal("100", llm["gen_ai.usage.input_tokens"]);
    }
}
