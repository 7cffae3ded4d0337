using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// The request parameters generated code read from a call's request argument (<c>ChatOptions</c>,
/// <c>ChatCompletionOptions</c>, <c>MessageCreateParams</c>...), recorded as the GenAI conventions'
/// <c>gen_ai.request.*</c> attributes. Each is null when the request does not set it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmRequestParameters
{
    /// <summary><c>gen_ai.request.temperature</c>.</summary>
    public double? Temperature { get; init; }

    /// <summary><c>gen_ai.request.max_tokens</c>: the most output tokens the call may produce.</summary>
    public long? MaxTokens { get; init; }

    /// <summary><c>gen_ai.request.top_p</c>.</summary>
    public double? TopP { get; init; }

    /// <summary><c>gen_ai.request.top_k</c>.</summary>
    public long? TopK { get; init; }

    /// <summary><c>gen_ai.request.seed</c>.</summary>
    public long? Seed { get; init; }

    /// <summary><c>gen_ai.request.stop_sequences</c> (a copy: the request's own list is never kept).</summary>
    public string[]? StopSequences { get; init; }

    /// <summary><c>gen_ai.request.frequency_penalty</c>.</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary><c>gen_ai.request.presence_penalty</c>.</summary>
    public double? PresencePenalty { get; init; }

    /// <summary><c>gen_ai.request.choice.count</c>: how many answers the call asks for.</summary>
    public long? ChoiceCount { get; init; }

    /// <summary><c>gen_ai.conversation.id</c>: the conversation the call continues (<c>ChatOptions.ConversationId</c>...).</summary>
    public string? ConversationId { get; init; }

    /// <summary><c>gen_ai.embeddings.dimension.count</c>: how many dimensions the embeddings asked for have.</summary>
    public long? EmbeddingDimensions { get; init; }

    /// <summary><c>gen_ai.output.type</c>: the output format asked for (<c>text</c>, <c>json</c>).</summary>
    public string? OutputType { get; init; }

    /// <summary>Whether the request set none of these.</summary>
    internal bool IsEmpty =>
        Temperature is null && MaxTokens is null && TopP is null && TopK is null && Seed is null && StopSequences is null
        && FrequencyPenalty is null && PresencePenalty is null && ChoiceCount is null && ConversationId is null && OutputType is null && EmbeddingDimensions is null;

    /// <summary>
    /// Reads the parameters of <paramref name="request"/> with <paramref name="read"/> (generated per call shape), only
    /// while a call would be recorded: with nothing configured, no output and no listener, the request's getters never
    /// run. Null when the request is null or a getter throws (a request the SDK cannot read must not fail the call).
    /// </summary>
    public static LlmRequestParameters? Read<T>(T request, Func<T, LlmRequestParameters?> read)
    {
        if (request is null || !LlmCall.WouldRecord)
        {
            return null;
        }

        try
        {
            return read(request) is { IsEmpty: false } parameters ? parameters : null; // options that set nothing add nothing
        }
        catch (Exception)
        {
            return null;
        }
    }
}
