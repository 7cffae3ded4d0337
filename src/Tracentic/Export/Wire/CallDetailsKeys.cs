using Tracentic.Core;
using Tracentic.Telemetry;

namespace Tracentic.Export.Wire;

/// <summary>
/// Which keys a span's <see cref="RecordedCallDetails"/> has the standard OTLP flavour write, so a user attribute of the
/// same name is left out rather than written twice, and kept when the details have no value for it (a span recorded
/// by hand can carry <c>gen_ai.request.temperature</c> as its own attribute). The call site's deprecated <c>code.*</c>
/// names count as written: their current names replace them.
/// </summary>
internal static class CallDetailsKeys
{
    public static bool Written(RecordedCallDetails details, string key) => key switch
    {
        GenAiConventions.CodeFunctionName => details.CodeFunction is { Length: > 0 },
        GenAiConventions.CodeFilePath or GenAiConventions.CodeLineNumber => details.CodeFilePath is not null,
        GenAiConventions.LegacyCodeFunction or GenAiConventions.LegacyCodeFilePath or GenAiConventions.LegacyCodeLineNumber => details.CodeFunction is not null,
        GenAiConventions.RequestTemperature => details.Temperature is not null,
        GenAiConventions.RequestMaxTokens => details.MaxTokens is not null,
        GenAiConventions.RequestTopP => details.TopP is not null,
        GenAiConventions.RequestTopK => details.TopK is not null,
        GenAiConventions.RequestSeed => details.Seed is not null,
        GenAiConventions.RequestStopSequences => details.StopSequences is not null,
        GenAiConventions.RequestFrequencyPenalty => details.FrequencyPenalty is not null,
        GenAiConventions.RequestPresencePenalty => details.PresencePenalty is not null,
        GenAiConventions.RequestChoiceCount => details.ChoiceCount is not null,
        GenAiConventions.ConversationId => details.ConversationId is not null,
        GenAiConventions.OutputType => details.OutputType is not null,
        GenAiConventions.EmbeddingDimensionCount => details.EmbeddingDimensions is not null,
        GenAiConventions.RequestStream => details.Streaming,
        GenAiConventions.ResponseTimeToFirstChunk => details.TimeToFirstChunk is not null,
        GenAiConventions.SystemInstructions => details.SystemInstructions is not null,
        GenAiConventions.ToolDefinitions => details.ToolDefinitions is not null,
        _ => false,
    };
}
