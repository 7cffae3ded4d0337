using Tracentic.Core;

namespace Tracentic.Export.Wire;

/// <summary>
/// What a span carries, described once for every wire flavour. A span is its ids, name, kind, times and status, then
/// its attributes in this order: the built-in values below (each flavour picks and names them, see
/// <see cref="WireFlavour"/>), the scope link (<c>tracentic.scope.*</c>, encoded once per scope:
/// <see cref="ResolvedScope.Json"/>), the truncation marker when the span was cut to the span bound, and the merged
/// user attributes, highest layer first (<see cref="ResolvedSpan.Attributes"/>), so a cut leaves out the lowest first.
/// </summary>
internal static class SpanSchema
{
    // The call's own values, as the resolver computed them.
    public static readonly SpanValue Provider = SpanValue.String(static s => s.Provider, repeated: true);
    public static readonly SpanValue Model = SpanValue.String(static s => s.Model, repeated: true);
    public static readonly SpanValue ResponseModel = SpanValue.String(static s => s.ResponseModel, repeated: true);
    public static readonly SpanValue FinishReason = SpanValue.String(static s => s.FinishReason, repeated: true);
    public static readonly SpanValue FinishReasons = SpanValue.StringAsArray(static s => s.FinishReason, repeated: true);
    public static readonly SpanValue ResponseId = SpanValue.String(static s => s.ResponseId);
    public static readonly SpanValue InputMessages = SpanValue.String(static s => s.InputMessages);
    public static readonly SpanValue OutputMessages = SpanValue.String(static s => s.OutputMessages);
    public static readonly SpanValue OperationType = SpanValue.String(static s => s.OperationType, repeated: true);

    /// <summary>The conventions' operation name for the operation type (<c>gen_ai.operation.name</c>).</summary>
    public static readonly SpanValue Operation = SpanValue.String(static s => GenAiConventions.Operation(s.OperationType), repeated: true);
    public static readonly SpanValue InputTokens = SpanValue.Int(static s => s.InputTokens);
    public static readonly SpanValue OutputTokens = SpanValue.Int(static s => s.OutputTokens);
    public static readonly SpanValue TotalTokens = SpanValue.Int(static s => s.TotalTokens);
    public static readonly SpanValue CacheReadInputTokens = SpanValue.Int(static s => s.CacheReadInputTokens);
    public static readonly SpanValue CacheCreationInputTokens = SpanValue.Int(static s => s.CacheCreationInputTokens);
    public static readonly SpanValue ReasoningOutputTokens = SpanValue.Int(static s => s.ReasoningOutputTokens);
    public static readonly SpanValue InputAudioTokens = SpanValue.Int(static s => s.TokenDetails?.InputAudio);
    public static readonly SpanValue OutputAudioTokens = SpanValue.Int(static s => s.TokenDetails?.OutputAudio);
    public static readonly SpanValue DurationMs = SpanValue.Int(static s => s.DurationMs);
    public static readonly SpanValue CostUsd = SpanValue.Double(static s => s.CostUsd);
    public static readonly SpanValue ErrorType = SpanValue.String(static s => s.ErrorType, repeated: true);

    /// <summary>The exception's full type name where known (the conventions' <c>error.type</c>), else its short name.</summary>
    public static readonly SpanValue ErrorFullType = SpanValue.String(static s => s.ErrorFullType ?? s.ErrorType, repeated: true);

    // What the call adds beyond usage (RecordedCallDetails): its call site by the current code.* names, the request
    // parameters, the stream's timing and the captured instructions. A span recorded by hand has none of them.
    public static readonly SpanValue CodeFunction = SpanValue.String(static s => s.Details?.CodeFunction is { Length: > 0 } function ? function : null, repeated: true);
    public static readonly SpanValue CodeFilePath = SpanValue.String(static s => s.Details?.CodeFilePath, repeated: true);

    /// <summary>The line, written with its file (0 when unknown).</summary>
    public static readonly SpanValue CodeLine = SpanValue.Int(static s => s.Details is { CodeFilePath: not null } details ? details.CodeLine : null);
    public static readonly SpanValue Temperature = SpanValue.Double(static s => s.Details?.Temperature);
    public static readonly SpanValue MaxTokens = SpanValue.Int(static s => s.Details?.MaxTokens);
    public static readonly SpanValue TopP = SpanValue.Double(static s => s.Details?.TopP);
    public static readonly SpanValue TopK = SpanValue.Int(static s => s.Details?.TopK);
    public static readonly SpanValue Seed = SpanValue.Int(static s => s.Details?.Seed);
    public static readonly SpanValue StopSequences = SpanValue.Strings(static s => s.Details?.StopSequences);
    public static readonly SpanValue FrequencyPenalty = SpanValue.Double(static s => s.Details?.FrequencyPenalty);
    public static readonly SpanValue PresencePenalty = SpanValue.Double(static s => s.Details?.PresencePenalty);
    public static readonly SpanValue ChoiceCount = SpanValue.Int(static s => s.Details?.ChoiceCount);
    public static readonly SpanValue EmbeddingDimensions = SpanValue.Int(static s => s.Details?.EmbeddingDimensions);
    public static readonly SpanValue OutputType = SpanValue.String(static s => s.Details?.OutputType, repeated: true);
    public static readonly SpanValue ConversationId = SpanValue.String(static s => s.Details?.ConversationId);
    public static readonly SpanValue Streaming = SpanValue.True(static s => s.Details?.Streaming == true);
    public static readonly SpanValue TimeToFirstChunk = SpanValue.Double(static s => s.Details?.TimeToFirstChunk);
    public static readonly SpanValue SystemInstructions = SpanValue.String(static s => s.Details?.SystemInstructions);
    public static readonly SpanValue ToolDefinitions = SpanValue.String(static s => s.Details?.ToolDefinitions);
}
