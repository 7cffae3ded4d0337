using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagSample;

/// <summary>
/// The models this sample "calls", with prices per million tokens. The names are made up so nobody mistakes the
/// sample's numbers for a real provider's.
/// </summary>
public static class FakeModels
{
    public const string Mini = "fake-mini";
    public const string Large = "fake-large";
    public const string Embed = "fake-embed";

    public static Dictionary<string, Tracentic.ModelPricing> Pricing() => new()
    {
        [Mini] = new(0.15, 0.60),
        [Large] = new(2.50, 10.00),
        [Embed] = new(0.02, 0.00),
    };

    /// <summary>About four characters per token, the usual rule of thumb.</summary>
    public static int CountTokens(string text) => Math.Max(1, (text.Length + 3) / 4);
}

/// <summary>
/// A deterministic stand-in for a chat model behind <see cref="IChatClient"/>, returning the real
/// Microsoft.Extensions.AI response types with model id and token usage. Its one quirk: the first request to
/// <see cref="FakeModels.Large"/> is rate limited, as real providers do under load.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private int _largeRequests;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? FakeModels.Mini;
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        if (model == FakeModels.Large && Interlocked.Increment(ref _largeRequests) == 1)
        {
            await Task.Delay(3, cancellationToken);
            throw new HttpRequestException($"429 Too Many Requests: rate limit reached for {model}", null, HttpStatusCode.TooManyRequests);
        }

        await Task.Delay(model == FakeModels.Large ? 25 : 8, cancellationToken); // the network, more or less
        var text = FakeReplies.Reply(prompt);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            FinishReason = ChatFinishReason.Stop,
            Usage = Usage(prompt, text),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? FakeModels.Mini;
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        var text = FakeReplies.Reply(prompt);
        foreach (var chunk in Chunks(text, 24))
        {
            await Task.Delay(2, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ModelId = model };
        }

        // Like the real clients, usage arrives in the last update as UsageContent.
        yield return new ChatResponseUpdate { ModelId = model, FinishReason = ChatFinishReason.Stop, Contents = [new UsageContent(Usage(prompt, text))] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static UsageDetails Usage(string prompt, string reply)
    {
        long input = FakeModels.CountTokens(prompt), output = FakeModels.CountTokens(reply);
        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}

/// <summary>A deterministic embedding model: a hashed bag of words, normalized. Similar texts get similar vectors.</summary>
public sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(4, cancellationToken);
        var texts = values.ToList();
        var tokens = texts.Sum(FakeModels.CountTokens);
        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Vector(t)) { ModelId = FakeModels.Embed }))
        {
            // Embedding APIs bill input only; they report zero output tokens.
            Usage = new UsageDetails { InputTokenCount = tokens, OutputTokenCount = 0, TotalTokenCount = tokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public static float[] Vector(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in Words(text))
        {
            vector[(int)(Fnv1a(word) % Dimensions)] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    public static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split([' ', '\n', ',', '.', '?', '!', ':', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && !StopWords.Contains(w));

    private static readonly HashSet<string> StopWords = ["the", "and", "are", "for", "how", "does", "what", "with", "its", "you", "your", "from", "into", "that", "this", "can"];

    private static uint Fnv1a(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}

/// <summary>What the fake chat model answers, chosen by the instruction at the start of the prompt.</summary>
internal static class FakeReplies
{
    public static string Reply(string prompt)
    {
        if (prompt.StartsWith(Prompts.Rewrite, StringComparison.Ordinal))
        {
            // Keep the distinctive words of the question: a search query.
            return string.Join(' ', FakeEmbeddingGenerator.Words(prompt[Prompts.Rewrite.Length..]).Distinct());
        }

        if (prompt.StartsWith(Prompts.Rerank, StringComparison.Ordinal))
        {
            // Rank passages by how many query words they contain; answer with their numbers, best first.
            var lines = prompt.Split('\n');
            var query = FakeEmbeddingGenerator.Words(lines[1]).ToHashSet();
            var ranked = lines.Skip(2)
                .Select((line, index) => (index, score: FakeEmbeddingGenerator.Words(line).Count(query.Contains)))
                .OrderByDescending(p => p.score).ThenBy(p => p.index)
                .Select(p => p.index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return string.Join(',', ranked);
        }

        if (prompt.StartsWith(Prompts.Answer, StringComparison.Ordinal))
        {
            // Answer with the best passage, which the prompt lists first.
            var context = prompt.Split('\n').Skip(2).FirstOrDefault() ?? "";
            return $"According to the docs: {context}";
        }

        return "I can only rewrite, rerank and answer.";
    }
}
