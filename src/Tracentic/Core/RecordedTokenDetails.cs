namespace Tracentic.Core;

/// <summary>
/// The finer counts of a call's usage, where the provider reports them: allocated only then, so a span without them
/// carries one null reference.
/// </summary>
internal sealed class RecordedTokenDetails
{
    /// <summary>Input tokens read from the prompt cache (<c>gen_ai.usage.cache_read.input_tokens</c>).</summary>
    public long? CacheRead { get; init; }

    /// <summary>Input tokens written to the prompt cache (<c>gen_ai.usage.cache_creation.input_tokens</c>).</summary>
    public long? CacheWrite { get; init; }

    /// <summary>Output tokens spent on reasoning, part of the output tokens (<c>gen_ai.usage.reasoning.output_tokens</c>).</summary>
    public long? Reasoning { get; init; }

    /// <summary>The cache counts come on top of the input tokens (Anthropic) instead of being part of them.</summary>
    public bool CacheSeparate { get; init; }

    /// <summary>Of the input tokens, those of audio, where the provider counts them apart (OpenAI).</summary>
    public long? InputAudio { get; init; }

    /// <summary>Of the output tokens, those of audio.</summary>
    public long? OutputAudio { get; init; }

    /// <summary>The details of a call, or null when it reported none.</summary>
    public static RecordedTokenDetails? Of(
        long? cacheRead, long? cacheWrite, long? reasoning, bool cacheSeparate,
        long? inputAudio = null, long? outputAudio = null) =>
        cacheRead is null && cacheWrite is null && reasoning is null && inputAudio is null && outputAudio is null
            ? null
            : new RecordedTokenDetails
            {
                CacheRead = Sanitize(cacheRead), CacheWrite = Sanitize(cacheWrite), Reasoning = Sanitize(reasoning), CacheSeparate = cacheSeparate,
                InputAudio = Sanitize(inputAudio), OutputAudio = Sanitize(outputAudio),
            };

    /// <summary>A count a provider could not have meant is left out, as negative token totals are.</summary>
    private static long? Sanitize(long? tokens) => tokens is < 0 ? null : tokens;
}
