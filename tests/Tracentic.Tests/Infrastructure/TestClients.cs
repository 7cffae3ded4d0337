using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Tests.Infrastructure;

internal static class TestClients
{
    public const string ApiKey = "trk_test_5f2a9c81d4";

    /// <summary>Fast retries so failure tests take milliseconds.</summary>
    public static readonly RetryPolicy FastRetries = new(
        InitialBackoff: TimeSpan.FromMilliseconds(10),
        MaxBackoff: TimeSpan.FromMilliseconds(40),
        MaxRetryAfter: TimeSpan.FromMinutes(5));

    /// <summary>An engine exporting over HTTP to <paramref name="receiver"/>, with fast retries.</summary>
    public static TracenticEngine ForReceiver(IngestReceiver receiver, Action<TracenticOptions>? configure = null, ExportSetup? setup = null) =>
        ForEndpoint(receiver.BaseUrl, configure, setup);

    /// <summary>An engine exporting over HTTP to <paramref name="endpoint"/>, with fast retries unless <paramref name="setup"/> says otherwise.</summary>
    public static TracenticEngine ForEndpoint(string endpoint, Action<TracenticOptions>? configure = null, ExportSetup? setup = null)
    {
        var options = new TracenticOptions
        {
            ApiKey = ApiKey,
            Endpoint = endpoint,
            ServiceName = "test-service",
            BatchDelay = TimeSpan.FromMinutes(10), // batches are full or flushed: what a request holds never depends on timing
            ExportTimeout = TimeSpan.FromSeconds(5),
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) }, // the model of Span(): no pricing warnings
        };
        configure?.Invoke(options);
        return new TracenticEngine(options, setup ?? new ExportSetup { RetryPolicy = FastRetries, HookExits = false });
    }

    /// <summary>A completed chat call of 250 ms.</summary>
    public static TracenticSpan Span(
        string? provider = "openai",
        string? model = "gpt-4o",
        long? inputTokens = 100,
        long? outputTokens = 50,
        string? operationType = "chat",
        Dictionary<string, object?>? attributes = null)
    {
        var start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        return new TracenticSpan
        {
            StartedAt = start,
            EndedAt = start.AddMilliseconds(250),
            Provider = provider,
            Model = model,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            OperationType = operationType,
            Attributes = attributes,
        };
    }

    /// <summary>Records one span through an in-memory engine and returns it as exported.</summary>
    public static async Task<ReceivedSpan> ExportOneAsync(TracenticSpan span, Action<TracenticOptions>? configure = null, TracenticScope? scope = null)
    {
        var (client, exporter) = InMemoryExporter.CreateClient(configure);
        await using (client)
        {
            client.RecordSpan(scope, span);
            await client.FlushAsync();
            return Assert.Single(exporter.Spans);
        }
    }
}
