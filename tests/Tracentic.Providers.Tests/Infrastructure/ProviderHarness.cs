using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Providers.Tests.Infrastructure;

/// <summary>
/// One test's world: a fake provider on 127.0.0.1, a Tracentic ingest receiver on 127.0.0.1, and the process-wide
/// Tracentic instance (what generated wrappers record through) exporting to it on the test's clock. Provider
/// clients never retry, so a scripted 429 reaches the caller at once.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public static readonly Dictionary<string, ModelPricing> Pricing = new()
    {
        ["gpt-4o-mini"] = new ModelPricing(0.15, 0.6),
        ["text-embedding-3-small"] = new ModelPricing(0.02, 0),
        // Prompt caching and reasoning at their own prices (CachedTokensTests); a call without them costs input and output.
        ["claude-sonnet-4-20250514"] = new ModelPricing(3.0, 15.0) { CacheReadPerMillion = 0.3, CacheWritePerMillion = 3.75 },
        ["o4-mini"] = new ModelPricing(1.1, 4.4) { CacheReadPerMillion = 0.275, ReasoningPerMillion = 5.0 },
    };

    private ITracentic? _tracentic;

    private ProviderHarness(FakeTimeProvider clock, FakeProviderServer provider, IngestReceiver ingest)
    {
        Clock = clock;
        Provider = provider;
        Ingest = ingest;
    }

    public FakeTimeProvider Clock { get; }

    public FakeProviderServer Provider { get; }

    public IngestReceiver Ingest { get; }

    public static async Task<ProviderHarness> StartAsync(Action<TracenticOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var harness = new ProviderHarness(clock, await FakeProviderServer.StartAsync(clock), await IngestReceiver.StartAsync("test-key"));
        var options = new TracenticOptions
        {
            ApiKey = "test-key",
            Endpoint = harness.Ingest.BaseUrl,
            ServiceName = "provider-tests",
            TimeProvider = clock,
            CustomPricing = new(Pricing),
        };
        configure?.Invoke(options);
        harness._tracentic = TracenticSdk.Configure(options);
        return harness;
    }

    public ChatClient OpenAIChat(string model) => new(model, new ApiKeyCredential("sk-test"), OpenAIOptions());

    public EmbeddingClient OpenAIEmbeddings(string model) => new(model, new ApiKeyCredential("sk-test"), OpenAIOptions());

    public ResponsesClient OpenAIResponses() => new(new ApiKeyCredential("sk-test"), new ResponsesClientOptions
    {
        Endpoint = new Uri(Provider.BaseUrl + "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    public AnthropicClient Anthropic() => new(new Anthropic.Core.ClientOptions
    {
        ApiKey = "sk-ant-test",
        BaseUrl = Provider.BaseUrl,
        MaxRetries = 0,
    });

    /// <summary>Flushes the process-wide instance and returns the one span the ingest receiver got.</summary>
    public async Task<ReceivedSpan> SingleSpanAsync()
    {
        await _tracentic!.FlushAsync();
        return Assert.Single(Ingest.Spans);
    }

    /// <summary>Every request body the ingest receiver got, as text.</summary>
    public string ExportedBodies() => string.Join("\n", Ingest.Requests.Select(r => r.BodyText));

    private OpenAIClientOptions OpenAIOptions() => new()
    {
        Endpoint = new Uri(Provider.BaseUrl + "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };

    public async ValueTask DisposeAsync()
    {
        if (_tracentic is not null)
        {
            await _tracentic.ShutdownAsync();
        }

        await Provider.DisposeAsync();
        await Ingest.DisposeAsync();
    }
}

/// <summary>Tests here install the process-wide Tracentic instance, so they never run in parallel.</summary>
[CollectionDefinition(nameof(ProcessWideTracentic), DisableParallelization = true)]
public sealed class ProcessWideTracentic;
