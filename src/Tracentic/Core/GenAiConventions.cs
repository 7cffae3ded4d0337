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
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseId = "gen_ai.response.id";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";

    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";

    /// <summary>The conventions' advised buckets for <c>gen_ai.client.token.usage</c> (powers of 4).</summary>
    public static readonly long[] TokenUsageBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>The conventions' advised buckets for <c>gen_ai.client.operation.duration</c>, in seconds (doubling).</summary>
    public static readonly double[] DurationBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> SpanNames = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> FinishReasonArrays = new(StringComparer.Ordinal);

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

        if (SpanNames.TryGetValue((operation, model), out var name))
        {
            return name;
        }

        name = operation + " " + model;
        if (SpanNames.Count < MaxCached)
        {
            SpanNames.TryAdd((operation, model), name);
        }

        return name;
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
}
