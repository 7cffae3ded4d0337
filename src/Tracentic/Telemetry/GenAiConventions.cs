namespace Tracentic.Telemetry;

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

    /// <summary>The conventions' span name: <c>{operation} {model}</c>, or the operation alone without a model.</summary>
    public static string SpanName(string operation, string? model) =>
        string.IsNullOrEmpty(model) ? operation : operation + " " + model;
}
