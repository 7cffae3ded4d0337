using System.ClientModel;
using OpenAI.Chat;

namespace Tracentic.Providers.Tests.Traced;

/// <summary>The OpenAI chat calls an application writes, each method returning what the SDK returns.</summary>
public sealed class OpenAIChat(ChatClient chat)
{
    [TracenticLlmCall(Provider = "openai")]
    public Task<ClientResult<ChatCompletion>> CompleteAsync([TracenticModel] string model, string prompt) =>
        chat.CompleteChatAsync([new UserChatMessage(prompt)]);

    /// <summary>With the caller's options: what the request parameters (<c>gen_ai.request.*</c>) are read from.</summary>
    [TracenticLlmCall(Provider = "openai")]
    public Task<ClientResult<ChatCompletion>> CompleteWithOptionsAsync([TracenticModel] string model, string prompt, ChatCompletionOptions options) =>
        chat.CompleteChatAsync([new UserChatMessage(prompt)], options);

    [TracenticLlmCall(Provider = "openai")]
    public ClientResult<ChatCompletion> Complete([TracenticModel] string model, string prompt) =>
        chat.CompleteChat([new UserChatMessage(prompt)]);

    [TracenticLlmCall(Provider = "openai")]
    public async Task<ChatCompletion> CompleteValueAsync([TracenticModel] string model, string prompt) =>
        (await chat.CompleteChatAsync([new UserChatMessage(prompt)])).Value;

    /// <summary>The messages as the caller built them: what content capture records as the input.</summary>
    [TracenticLlmCall(Provider = "openai")]
    public AsyncCollectionResult<StreamingChatCompletionUpdate> StreamMessagesAsync([TracenticModel] string model, IEnumerable<ChatMessage> messages) =>
        chat.CompleteChatStreamingAsync(messages);

    [TracenticLlmCall(Provider = "openai")]
    public AsyncCollectionResult<StreamingChatCompletionUpdate> StreamAsync([TracenticModel] string model, string prompt) =>
        chat.CompleteChatStreamingAsync([new UserChatMessage(prompt)]);

    [TracenticLlmCall(Provider = "openai")]
    public CollectionResult<StreamingChatCompletionUpdate> Stream([TracenticModel] string model, string prompt) =>
        chat.CompleteChatStreaming([new UserChatMessage(prompt)]);

    [TracenticLlmCall(Provider = "openai")]
    public IAsyncEnumerable<StreamingChatCompletionUpdate> StreamAsEnumerable([TracenticModel] string model, string prompt) =>
        chat.CompleteChatStreamingAsync([new UserChatMessage(prompt)]);
}
