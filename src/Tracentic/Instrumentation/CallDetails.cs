using Tracentic.Core;
using Tracentic.Export;

namespace Tracentic.Instrumentation;

/// <summary>
/// Assembles a call's <see cref="RecordedCallDetails"/>: the site's shared instance when the call adds nothing (no
/// allocation), else a copy of it with the request parameters, the stream timing and the captured instructions.
/// </summary>
internal static class CallDetails
{
    public static RecordedCallDetails Of(
        LlmCallSite site, LlmRequestParameters? parameters, bool streamed, double? timeToFirstChunk,
        string? systemInstructions = null, string? toolDefinitions = null)
    {
        if (parameters is null && !streamed && systemInstructions is null && toolDefinitions is null)
        {
            return site.Details;
        }

        return site.Details with
        {
            Temperature = Finite(parameters?.Temperature),
            MaxTokens = parameters?.MaxTokens,
            TopP = Finite(parameters?.TopP),
            TopK = parameters?.TopK,
            Seed = parameters?.Seed,
            StopSequences = Clean(parameters?.StopSequences),
            FrequencyPenalty = Finite(parameters?.FrequencyPenalty),
            PresencePenalty = Finite(parameters?.PresencePenalty),
            ChoiceCount = parameters?.ChoiceCount,
            OutputType = parameters?.OutputType,
            EmbeddingDimensions = parameters?.EmbeddingDimensions,
            ConversationId = parameters?.ConversationId is { } conversation ? JsonText.Clean(conversation, AttributeLimits.PlatformMaxStringValueLength) : null,
            Streaming = streamed,
            TimeToFirstChunk = timeToFirstChunk,
            SystemInstructions = systemInstructions,
            ToolDefinitions = toolDefinitions,
        };
    }

    // A parameter no provider would accept is left out rather than written as NaN.
    private static double? Finite(double? value) => value is { } number && double.IsFinite(number) ? number : null;

    /// <summary>The user's strings made safe to write (no lone surrogates, at most the platform's length), at most 64 of them.</summary>
    private static string[]? Clean(string[]? values)
    {
        if (values is not { Length: > 0 })
        {
            return null;
        }

        var clean = new string[Math.Min(values.Length, 64)];
        for (var i = 0; i < clean.Length; i++)
        {
            clean[i] = JsonText.Clean(values[i], AttributeLimits.PlatformMaxStringValueLength);
        }

        return clean;
    }
}
