namespace Tracentic.Core;

/// <summary>
/// Names from the OpenTelemetry GenAI semantic conventions, spelled as Microsoft.Extensions.AI 10.11 emits
/// them, so dashboards built for one read the other.
/// </summary>
internal static class GenAiConventions
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string CacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string InputAudioTokens = "gen_ai.usage.input_audio_tokens";
    public const string OutputAudioTokens = "gen_ai.usage.output_audio_tokens";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseId = "gen_ai.response.id";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";

    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestTopK = "gen_ai.request.top_k";
    public const string RequestSeed = "gen_ai.request.seed";
    public const string RequestStopSequences = "gen_ai.request.stop_sequences";
    public const string RequestFrequencyPenalty = "gen_ai.request.frequency_penalty";
    public const string RequestPresencePenalty = "gen_ai.request.presence_penalty";
    public const string RequestChoiceCount = "gen_ai.request.choice.count";
    public const string RequestStream = "gen_ai.request.stream";
    public const string ConversationId = "gen_ai.conversation.id";
    public const string OutputType = "gen_ai.output.type";
    public const string EmbeddingDimensionCount = "gen_ai.embeddings.dimension.count";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string SystemInstructions = "gen_ai.system_instructions";
    public const string ToolDefinitions = "gen_ai.tool.definitions";

    /// <summary>The call site by the semantic conventions' current names (1.30 deprecated <c>code.function</c>, <c>code.filepath</c>, <c>code.lineno</c>).</summary>
    public const string CodeFunctionName = "code.function.name";
    public const string CodeFilePath = "code.file.path";
    public const string CodeLineNumber = "code.line.number";

    /// <summary>The deprecated names the Tracentic ingest still receives; activities and standard OTLP use the current ones instead.</summary>
    public const string LegacyCodeFunction = "code.function";
    public const string LegacyCodeFilePath = "code.filepath";
    public const string LegacyCodeLineNumber = "code.lineno";

    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string TimeToFirstChunkMetric = "gen_ai.client.operation.time_to_first_chunk";
    public const string TimePerOutputChunkMetric = "gen_ai.client.operation.time_per_output_chunk";

    /// <summary>The conventions' advised buckets for <c>gen_ai.client.token.usage</c> (powers of 4).</summary>
    public static readonly long[] TokenUsageBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>The conventions' advised buckets for <c>gen_ai.client.operation.duration</c>, in seconds (doubling).</summary>
    public static readonly double[] DurationBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>
    /// The advised buckets of both streaming chunk histograms (<c>gen_ai.client.operation.time_to_first_chunk</c>,
    /// <c>.time_per_output_chunk</c>): the operation duration's, in seconds, as Microsoft.Extensions.AI advises them.
    /// </summary>
    public static readonly double[] ChunkBuckets = DurationBuckets;

    /// <summary>Whether <paramref name="key"/> is one of the deprecated <c>code.*</c> names the call site writes for the ingest.</summary>
    public static bool IsLegacyCode(string key) => key is LegacyCodeFunction or LegacyCodeFilePath or LegacyCodeLineNumber;

    /// <summary>
    /// <c>gen_ai.operation.name</c> for a Tracentic operation type: the conventions' well-known values where
    /// ours differ in spelling ("embedding" is "embeddings"), "chat" when none was given, else as given.
    /// </summary>
    public static string Operation(string? operationType) => operationType switch
    {
        null or "" => "chat",
        "embedding" => "embeddings",
        "completion" => "text_completion",
        _ => operationType,
    };

    private const int MaxCached = 256;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), SpanNameEntry> SpanNames = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> FinishReasonArrays = new(StringComparer.Ordinal);
    private static SpanNameEntry? s_lastSpanName; // most calls name the same model as the call before: no hashing then

    /// <summary>
    /// The conventions' span name: <c>{operation} {model}</c>, or the operation alone without a model. An application
    /// calls few models: the names are kept (up to a bound), so a listened call does not build its name each time.
    /// </summary>
    public static string SpanName(string operation, string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return operation;
        }

        if (Volatile.Read(ref s_lastSpanName) is { } last && last.Model == model && last.Operation == operation)
        {
            return last.Name;
        }

        if (!SpanNames.TryGetValue((operation, model), out var entry))
        {
            entry = new SpanNameEntry(operation, model, operation + " " + model);
            if (SpanNames.Count < MaxCached)
            {
                SpanNames.TryAdd((operation, model), entry);
            }
        }

        Volatile.Write(ref s_lastSpanName, entry);
        return entry.Name;
    }

    /// <summary><c>gen_ai.response.finish_reasons</c> for one reason: a one-element array kept per reason (up to a bound; tag values are only read).</summary>
    public static string[] FinishReasonsOf(string finishReason)
    {
        if (FinishReasonArrays.TryGetValue(finishReason, out var reasons))
        {
            return reasons;
        }

        reasons = [finishReason];
        if (FinishReasonArrays.Count < MaxCached)
        {
            FinishReasonArrays.TryAdd(finishReason, reasons);
        }

        return reasons;
    }

    private sealed record SpanNameEntry(string Operation, string Model, string Name);
}
