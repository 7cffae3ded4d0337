using Anthropic;
using Anthropic.Models.Messages;

namespace Tracentic.Providers.Tests.Traced;

/// <summary>The Anthropic calls an application writes: the request parameters name the model.</summary>
public sealed class AnthropicMessages(AnthropicClient client)
{
    [TracenticLlmCall(Provider = "anthropic")]
    public Task<Message> CreateAsync(MessageCreateParams request) => client.Messages.Create(request);

    [TracenticLlmCall(Provider = "anthropic")]
    public IAsyncEnumerable<RawMessageStreamEvent> StreamAsync(MessageCreateParams request) => client.Messages.CreateStreaming(request);

    /// <summary>The SDK's helper that assembles a streamed answer into one <see cref="Message"/>.</summary>
    [TracenticLlmCall(Provider = "anthropic")]
    public Task<Message> StreamAndAggregateAsync(MessageCreateParams request) => client.Messages.CreateStreaming(request).Aggregate();
}
