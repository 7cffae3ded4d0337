using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// What generated code read from a response (or from one stream update): token usage, the model that answered,
/// why it stopped, its id, and the output text (read for stream updates, where it marks the first token, and for
/// whole responses only while content capture is on).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct LlmUsage(long? InputTokens, long? OutputTokens, string? Model = null)
{
    /// <summary>Why the model stopped, as the provider spells it (<c>stop</c>, <c>end_turn</c>, <c>tool_calls</c>...).</summary>
    public string? FinishReason { get; init; }

    /// <summary>The provider's id of the response (<c>chatcmpl-...</c>, <c>msg_...</c>).</summary>
    public string? ResponseId { get; init; }

    /// <summary>The output text of the response, or of this stream update.</summary>
    public string? OutputText { get; init; }

    /// <summary>Input tokens read from the provider's prompt cache.</summary>
    public long? CacheReadInputTokens { get; init; }

    /// <summary>Input tokens written to the provider's prompt cache (Anthropic's cache creation).</summary>
    public long? CacheWriteInputTokens { get; init; }

    /// <summary>Output tokens spent on reasoning, part of <see cref="OutputTokens"/>.</summary>
    public long? ReasoningOutputTokens { get; init; }

    /// <summary>Of <see cref="InputTokens"/>, those of audio, where the provider counts them apart.</summary>
    public long? InputAudioTokens { get; init; }

    /// <summary>Of <see cref="OutputTokens"/>, those of audio.</summary>
    public long? OutputAudioTokens { get; init; }

    /// <summary>The cache counts come on top of <see cref="InputTokens"/> (Anthropic) instead of being part of it.</summary>
    public bool CacheTokensSeparate { get; init; }

    /// <summary>This reading, with each field missing here taken from <paramref name="earlier"/> (how stream updates add up).</summary>
    internal LlmUsage Over(LlmUsage earlier) => new(InputTokens ?? earlier.InputTokens, OutputTokens ?? earlier.OutputTokens, Model ?? earlier.Model)
    {
        FinishReason = FinishReason ?? earlier.FinishReason,
        ResponseId = ResponseId ?? earlier.ResponseId,
        CacheReadInputTokens = CacheReadInputTokens ?? earlier.CacheReadInputTokens,
        CacheWriteInputTokens = CacheWriteInputTokens ?? earlier.CacheWriteInputTokens,
        ReasoningOutputTokens = ReasoningOutputTokens ?? earlier.ReasoningOutputTokens,
        InputAudioTokens = InputAudioTokens ?? earlier.InputAudioTokens,
        OutputAudioTokens = OutputAudioTokens ?? earlier.OutputAudioTokens,
        CacheTokensSeparate = CacheTokensSeparate || earlier.CacheTokensSeparate,
    };
}
