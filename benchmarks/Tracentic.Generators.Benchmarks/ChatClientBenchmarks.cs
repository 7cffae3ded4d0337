using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Tracentic;
using Tracentic.Benchmarks;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// Side by side over the same <see cref="IChatClient"/> (answers at once, with usage): the plain call, Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry()</c> chat client, and a <c>[TracenticLlmCall]</c> wrapper (Tracentic configured with no output: only
/// in-process telemetry). With one OpenTelemetry SDK pipeline listening to both (traces with a batch processor to a
/// discarding exporter, metrics), and with nothing listening. Each one's added cost is its time and bytes minus
/// <see cref="PlainCall"/>'s.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ChatClientBenchmarks
{
    private const string MeaiSource = "Bench.MEAI";

    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "hello")];
    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o" };

    private readonly IChatClient _inner = new AnsweringChatClient();
    private IChatClient _meai = null!;
    private TracedChat _traced = null!;
    private ITracentic? _tracentic;
    private OpenTelemetryListener? _listener;

    [Params(Listener.None, Listener.OpenTelemetry)]
    public Listener Listener { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _listener = OpenTelemetryListener.Start(Listener, MeaiSource);
        _meai = new ChatClientBuilder(_inner).UseOpenTelemetry(sourceName: MeaiSource).Build();
        var client = new TracenticEngine(new TracenticOptions { ServiceName = "bench" }, new ExportSetup { HookExits = false });
        TracenticSdk.Install(client);
        _tracentic = client;
        _traced = new TracedChat(_inner);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _tracentic!.ShutdownAsync();
        _listener?.Dispose();
        _meai.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> PlainCall() => _inner.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> MeaiOpenTelemetry() => _meai.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> TracenticLlmCall() => _traced.GetResponseAsync(Messages, Options);
}

/// <summary>The wrapped method: the generator intercepts calls to it in <see cref="ChatClientBenchmarks"/>.</summary>
public sealed class TracedChat(IChatClient chat)
{
    [TracenticLlmCall(Provider = "openai")]
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options) => chat.GetResponseAsync(messages, options);
}

/// <summary>Answers every request at once with the same response (model, id, finish reason, usage), and names its provider and endpoint.</summary>
internal sealed class AnsweringChatClient : IChatClient
{
    private static readonly Task<ChatResponse> Answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi"))
    {
        ModelId = "gpt-4o-2024-08-06",
        ResponseId = "chatcmpl-1",
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20, TotalTokenCount = 120 },
    });

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Answer;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    // As Microsoft.Extensions.AI's OpenAI client describes itself: UseOpenTelemetry() tags its provider and server from this.
    private static readonly ChatClientMetadata Metadata = new("openai", new Uri("https://api.openai.com/v1"), "gpt-4o");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}
