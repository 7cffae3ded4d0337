using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Tracentic;

namespace RagSample;

/// <summary>
/// Every LLM call of the pipeline goes through one of these methods. [TracenticLlmCall] makes each call a
/// span: the generator reads ModelId and Usage from ChatResponse / GeneratedEmbeddings at compile time, and the
/// runtime prices the tokens with TracenticOptions.CustomPricing.
/// </summary>
public sealed class LlmCalls(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    [TracenticLlmCall(Provider = "fake-ai", OperationType = "chat")]
    public Task<ChatResponse> CompleteAsync(
        [TracenticAttribute("prompt")] string promptName,
        [TracenticModel] string model,
        string prompt,
        CancellationToken cancellationToken = default) =>
        chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { ModelId = model }, cancellationToken);

    // A stream is one span, from the call to the end of the enumeration, with the time to the first update.
    // Usage comes as a UsageContent item in the last update's Contents; the generator reads it from there.
    [TracenticLlmCall(Provider = "fake-ai", OperationType = "chat")]
    public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        [TracenticAttribute("prompt")] string promptName,
        [TracenticModel] string model,
        string prompt,
        CancellationToken cancellationToken = default) =>
        chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { ModelId = model }, cancellationToken);

    [TracenticLlmCall(Provider = "fake-ai", Model = FakeModels.Embed, OperationType = "embedding")]
    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        embeddings.GenerateAsync([text], cancellationToken: cancellationToken);
}

/// <summary>The instructions the pipeline sends; the fake model recognizes them.</summary>
public static class Prompts
{
    public const string Rewrite = "Rewrite the question as a search query:";
    public const string Rerank = "Rank the passages by relevance to the query; answer with their numbers:";
    public const string Answer = "Answer the question from the passages:";
}

/// <summary>The answer and the passages it was drawn from.</summary>
public sealed record Answer(string Text, IReadOnlyList<Passage> Sources);

/// <summary>
/// Retrieval-augmented generation, traced with attributes only: the pipeline is a scope, each step a child
/// scope, and each model call a span in the scope that made it. No tracing code in the method bodies.
/// </summary>
public sealed class RagPipeline(LlmCalls llm, KnowledgeBase knowledge)
{
    [TracenticScope("rag-pipeline")]
    public async Task<Answer> AnswerAsync(
        [TracenticAttribute("user_id")] string userId,
        [TracenticCorrelationId] string questionId,
        string question,
        CancellationToken cancellationToken = default)
    {
        var query = await RewriteAsync(question, cancellationToken);
        var candidates = await RetrieveAsync(query, cancellationToken);
        var ranked = await RerankAsync(query, candidates, cancellationToken);
        var text = await GenerateAsync(question, ranked, cancellationToken);
        return new Answer(text, ranked);
    }

    // No scope of its own: this call is a span directly in the rag-pipeline scope.
    private async Task<string> RewriteAsync(string question, CancellationToken cancellationToken)
    {
        var response = await llm.CompleteAsync("rewrite", FakeModels.Mini, $"{Prompts.Rewrite} {question}", cancellationToken);
        return response.Text;
    }

    [TracenticScope("retrieve")]
    private async Task<IReadOnlyList<Passage>> RetrieveAsync(string query, CancellationToken cancellationToken)
    {
        var embedding = await llm.EmbedAsync(query, cancellationToken);
        return knowledge.Search(embedding[0].Vector, top: 3);
    }

    [TracenticScope("rerank")]
    private async Task<IReadOnlyList<Passage>> RerankAsync(string query, IReadOnlyList<Passage> candidates, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder().Append(Prompts.Rerank).Append('\n').Append(query);
        foreach (var passage in candidates)
        {
            prompt.Append('\n').Append(passage.Text);
        }

        var response = await llm.CompleteAsync("rerank", FakeModels.Mini, prompt.ToString(), cancellationToken);
        return response.Text.Split(',').Select(n => candidates[int.Parse(n, CultureInfo.InvariantCulture)]).ToList();
    }

    [TracenticScope("answer")]
    private async Task<string> GenerateAsync(string question, IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        var prompt = $"{Prompts.Answer}\n{question}\n{string.Join('\n', passages.Select(p => p.Text))}";
        try
        {
            var response = await llm.CompleteAsync("answer", FakeModels.Large, prompt, cancellationToken);
            return response.Text;
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // The failed call is already recorded as an error span. Fall back to streaming from the small model.
            Console.WriteLine($"  ({FakeModels.Large} is rate limited; streaming the answer from {FakeModels.Mini} instead)");
            var text = new StringBuilder();
            await foreach (var update in llm.StreamAsync("answer-fallback", FakeModels.Mini, prompt, cancellationToken))
            {
                text.Append(update.Text);
            }

            return text.ToString();
        }
    }
}
