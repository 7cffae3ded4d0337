using Microsoft.Extensions.AI;

namespace Tracentic.Providers.Tests.Traced;

/// <summary>Microsoft.Extensions.AI abstractions, here backed by the OpenAI client.</summary>
public sealed class ExtensionsAIChat(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    [TracenticLlmCall(Provider = "openai")]
    public Task<ChatResponse> GetResponseAsync(string prompt, ChatOptions options) => chat.GetResponseAsync(prompt, options);

    [TracenticLlmCall(Provider = "openai")]
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options) => chat.GetResponseAsync(messages, options);

    [TracenticLlmCall(Provider = "openai")]
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(string prompt, ChatOptions options) =>
        chat.GetStreamingResponseAsync(prompt, options);

    [TracenticLlmCall(Provider = "openai", OperationType = "embedding")]
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync([TracenticModel] string model, string text) =>
        embeddings.GenerateAsync([text]);

    /// <summary>With the caller's options: the model and the dimension count are read from them.</summary>
    [TracenticLlmCall(Provider = "openai", OperationType = "embedding")]
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IEnumerable<string> texts, EmbeddingGenerationOptions options) =>
        embeddings.GenerateAsync(texts, options);
}
