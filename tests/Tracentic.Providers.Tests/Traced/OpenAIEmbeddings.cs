using System.ClientModel;
using OpenAI.Embeddings;

namespace Tracentic.Providers.Tests.Traced;

public sealed class OpenAIEmbeddings(EmbeddingClient embeddings)
{
    [TracenticLlmCall(Provider = "openai", OperationType = "embedding")]
    public Task<ClientResult<OpenAIEmbeddingCollection>> EmbedAsync([TracenticModel] string model, string text) =>
        embeddings.GenerateEmbeddingsAsync([text]);
}
