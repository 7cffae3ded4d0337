using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Testing;

namespace Tracentic.OpenTelemetry.Tests.Infrastructure;

internal static class Engines
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Fast retries (10 ms doubling to 40 ms) and no exit hooks, so failure tests take milliseconds.</summary>
    public static readonly ExportSetup FastRetries = new()
    {
        RetryPolicy = new(InitialBackoff: TimeSpan.FromMilliseconds(10), MaxBackoff: TimeSpan.FromMilliseconds(40), MaxRetryAfter: TimeSpan.FromMinutes(5)),
        HookExits = false,
    };

    /// <summary>An engine with no output but the in-process one: no API key, no OTLP endpoint.</summary>
    public static TracenticEngine InProcessOnly() => Create(_ => { });

    /// <summary>An engine exporting to the Tracentic ingest on <paramref name="receiver"/>.</summary>
    public static TracenticEngine ForIngest(IngestReceiver receiver) => Create(o =>
    {
        o.ApiKey = "trk_test_otel";
        o.Endpoint = receiver.BaseUrl;
    });

    /// <summary>An engine with the options every test shares (delivered on flush only, priced gpt-4o), then <paramref name="configure"/>.</summary>
    public static TracenticEngine Create(Action<TracenticOptions> configure)
    {
        var options = new TracenticOptions
        {
            ServiceName = "otel-tests",
            BatchDelay = TimeSpan.FromMinutes(10), // delivered on flush only
            ExportTimeout = TimeSpan.FromSeconds(5),
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
        };
        configure(options);
        return new TracenticEngine(options, FastRetries);
    }

    /// <summary>A completed chat call of 120 ms.</summary>
    public static TracenticSpan Chat(string model = "gpt-4o", long input = 100, long output = 20, DateTimeOffset? start = null) => new()
    {
        StartedAt = start ?? T0,
        EndedAt = (start ?? T0).AddMilliseconds(120),
        Provider = "openai",
        Model = model,
        OperationType = "chat",
        InputTokens = input,
        OutputTokens = output,
    };

    /// <summary>Makes <paramref name="engine"/> the process-wide instance generated wrappers use, until disposed.</summary>
    public static IDisposable Install(TracenticEngine engine)
    {
        TracenticSdk.Install(engine);
        return new Uninstall(engine);
    }

    private sealed class Uninstall(TracenticEngine engine) : IDisposable
    {
        public void Dispose() => TracenticSdk.Uninstall(engine);
    }
}
