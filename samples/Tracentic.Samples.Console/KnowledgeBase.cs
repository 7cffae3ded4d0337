namespace RagSample;

/// <summary>A passage of the knowledge base with its embedding.</summary>
public sealed record Passage(string Id, string Text, float[] Vector);

/// <summary>An in-memory vector index over a few passages about Tracentic.</summary>
public sealed class KnowledgeBase(IReadOnlyList<Passage> passages)
{
    private static readonly (string Id, string Text)[] Documents =
    [
        ("cost", "Cost is computed from input and output tokens with the per-million prices in CustomPricing; a model without a price has no cost."),
        ("scopes", "A scope groups the LLM calls of one unit of work; nested scopes link to their parent through the parent scope id."),
        ("linking", "To link services, send the scope id in the TracenticHeaders.Scope header and pass it as parentScopeId on the other side."),
        ("streaming", "A streamed response is one span that ends when the enumeration completes, with the time to the first token."),
        ("errors", "A failed call is recorded as an error span with the exception type and message, and carries no cost."),
        ("flush", "Spans are exported in batches in the background; call ShutdownAsync before a serverless handler returns."),
    ];

    /// <summary>
    /// The sample's corpus, embedded with the same deterministic function the fake model uses. A real
    /// application indexes offline; that is why these embeddings are not traced.
    /// </summary>
    public static KnowledgeBase CreateDefault() =>
        new([.. Documents.Select(d => new Passage(d.Id, d.Text, FakeEmbeddingGenerator.Vector(d.Text)))]);

    /// <summary>The <paramref name="top"/> passages most similar to <paramref name="query"/> (cosine similarity).</summary>
    public IReadOnlyList<Passage> Search(ReadOnlyMemory<float> query, int top)
    {
        var q = query.Span.ToArray();
        return passages
            .Select((passage, index) => (passage, index, score: Dot(q, passage.Vector)))
            .OrderByDescending(p => p.score).ThenBy(p => p.index)
            .Take(top)
            .Select(p => p.passage)
            .ToList();
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
