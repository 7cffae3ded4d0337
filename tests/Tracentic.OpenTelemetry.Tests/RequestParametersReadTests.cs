using Tracentic.Instrumentation;
using Tracentic.Instrumentation.Providers;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>
/// The reads generated code makes of a request argument (<see cref="LlmRequestParameters.Read{T}"/>): only while a call
/// would be recorded, never failing the call, and as the conventions type them on the activity.
/// </summary>
public sealed class RequestParametersReadTests
{
    private static readonly LlmCallSite Site = new("openai", "chat", "gpt-4o", "Bot.Ask", "Bot.cs", 3, "Support.Bot.Ask");

    private sealed class Options
    {
        public int Reads { get; private set; }

        public float? Temperature
        {
            get
            {
                Reads++;
                return 0.7f;
            }
        }
    }

    [Fact]
    public void With_nothing_configured_no_getter_runs()
    {
        var options = new Options();

        Assert.Null(LlmRequestParameters.Read(options, static o => new LlmRequestParameters { Temperature = ProviderValues.Number(o.Temperature) }));
        Assert.Equal(0, options.Reads);
    }

    [Fact]
    public void With_no_output_and_nothing_listening_no_getter_runs()
    {
        using var installed = Engines.Install(Engines.InProcessOnly());
        var options = new Options();

        Assert.Null(LlmRequestParameters.Read(options, static o => new LlmRequestParameters { Temperature = ProviderValues.Number(o.Temperature) }));
        Assert.Equal(0, options.Reads);
    }

    [Fact]
    public void While_recorded_each_getter_runs_once_and_the_activity_has_the_parameters()
    {
        using var otel = new OpenTelemetryCapture();
        using var installed = Engines.Install(Engines.InProcessOnly());
        var options = new Options();

        var parameters = LlmRequestParameters.Read(options, static o => new LlmRequestParameters
        {
            Temperature = ProviderValues.Number(o.Temperature),
            StopSequences = ProviderValues.Strings((IList<string>)new List<string> { "END", null!, "STOP" }), // as ChatOptions types it
        });
        LlmCall.Start(Site, parameters: parameters).Succeed(new LlmUsage(10, 5));

        Assert.Equal(1, options.Reads);
        var activity = otel.Single("chat gpt-4o");
        Assert.Equal(0.7, activity.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(new[] { "END", "STOP" }, activity.GetTagItem("gen_ai.request.stop_sequences")); // null entries left out
    }

    [Fact]
    public void A_getter_that_throws_records_no_parameters_and_the_call_is_recorded()
    {
        using var otel = new OpenTelemetryCapture();
        using var installed = Engines.Install(Engines.InProcessOnly());

        var parameters = LlmRequestParameters.Read(new Options(), static LlmRequestParameters? (_) => throw new InvalidOperationException("unreadable"));
        LlmCall.Start(Site, parameters: parameters).Succeed(new LlmUsage(10, 5));

        Assert.Null(parameters);
        var activity = otel.Single("chat gpt-4o");
        Assert.Equal(10L, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.DoesNotContain(activity.TagObjects, t => t.Key.StartsWith("gen_ai.request.", StringComparison.Ordinal) && t.Key != "gen_ai.request.model");
    }

    [Fact]
    public void A_parameter_no_provider_would_accept_is_left_out()
    {
        using var otel = new OpenTelemetryCapture();
        using var installed = Engines.Install(Engines.InProcessOnly());

        LlmCall.Start(Site, parameters: new LlmRequestParameters { Temperature = ProviderValues.Number(float.NaN), TopP = ProviderValues.Number(1e20f) })
            .Succeed(new LlmUsage(10, 5));

        var activity = otel.Single("chat gpt-4o");
        Assert.Null(activity.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal((double)1e20f, activity.GetTagItem("gen_ai.request.top_p")); // too large for a decimal: the float's own value
    }
}
