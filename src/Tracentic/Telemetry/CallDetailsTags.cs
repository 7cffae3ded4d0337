using System.Diagnostics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// A call's <see cref="RecordedCallDetails"/> as activity tags, named and typed as the GenAI semantic conventions name
/// them: <c>gen_ai.request.*</c> parameters (numbers as <c>double</c>, counts as <c>long</c>, stop sequences as a
/// <c>string[]</c>), <c>gen_ai.request.stream</c>,
/// <c>gen_ai.response.time_to_first_chunk</c> (seconds) and, under content capture, <c>gen_ai.system_instructions</c>
/// and <c>gen_ai.tool.definitions</c>.
/// </summary>
internal static class CallDetailsTags
{
    /// <summary>
    /// Tags <paramref name="details"/>. The code location is not among them: a wrapped call's activity is created with
    /// it (<see cref="LlmCallStartTags"/>), and a span recorded by hand has no details.
    /// </summary>
    public static void Add(Activity activity, RecordedCallDetails details)
    {
        if (details.HasRequestParameters)
        {
            Number(activity, GenAiConventions.RequestTemperature, details.Temperature);
            Count(activity, GenAiConventions.RequestMaxTokens, details.MaxTokens);
            Number(activity, GenAiConventions.RequestTopP, details.TopP);
            Count(activity, GenAiConventions.RequestTopK, details.TopK);
            Count(activity, GenAiConventions.RequestSeed, details.Seed);
            if (details.StopSequences is { } stop)
            {
                activity.AddTag(GenAiConventions.RequestStopSequences, stop);
            }

            Number(activity, GenAiConventions.RequestFrequencyPenalty, details.FrequencyPenalty);
            Number(activity, GenAiConventions.RequestPresencePenalty, details.PresencePenalty);
            Count(activity, GenAiConventions.RequestChoiceCount, details.ChoiceCount);
            Count(activity, GenAiConventions.EmbeddingDimensionCount, details.EmbeddingDimensions);
        }

        if (details.OutputType is { } outputType)
        {
            activity.AddTag(GenAiConventions.OutputType, outputType);
        }

        if (details.ConversationId is { } conversation)
        {
            activity.AddTag(GenAiConventions.ConversationId, conversation);
        }

        if (details.Streaming)
        {
            activity.AddTag(GenAiConventions.RequestStream, true);
        }

        Number(activity, GenAiConventions.ResponseTimeToFirstChunk, details.TimeToFirstChunk);
        if (details.SystemInstructions is { } instructions)
        {
            activity.AddTag(GenAiConventions.SystemInstructions, instructions);
        }

        if (details.ToolDefinitions is { } tools)
        {
            activity.AddTag(GenAiConventions.ToolDefinitions, tools);
        }
    }

    private static void Number(Activity activity, string key, double? value)
    {
        if (value is { } number)
        {
            activity.AddTag(key, number);
        }
    }

    private static void Count(Activity activity, string key, long? value)
    {
        if (value is { } count)
        {
            activity.AddTag(key, count);
        }
    }
}
