using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>One step of a read, resolved against the response type at compile time.</summary>
internal enum ReadStepKind
{
    /// <summary><c>owner.Name</c> (or <c>owner?.Name</c>).</summary>
    Member,

    /// <summary><c>owner.Name()</c>: a parameterless method of the response (e.g. <c>GetOutputText()</c>, <c>Raw()</c>).</summary>
    Method,

    /// <summary>A union variant: <c>owner.Name(out var v)</c> then the rest over <c>v</c> (<c>TryPickText</c>).</summary>
    Pick,

    /// <summary>A derived type: <c>(owner as Type)</c>, the rest null-conditional.</summary>
    As,

    /// <summary>Every item of a collection: the rest over each item (text concatenated, else the first value).</summary>
    Each,
}

/// <param name="Name">Member or method name, or for <see cref="ReadStepKind.As"/> the <c>global::</c> type.</param>
/// <param name="NullConditional">Reached with <c>?.</c>: the owner may be null.</param>
/// <param name="FallbackType">For <see cref="ReadStepKind.Pick"/>: the nullable type of the rest, to spell its null.</param>
internal sealed record ReadStep(ReadStepKind Kind, string Name, bool NullConditional, string? FallbackType = null);

/// <summary>How the value at the end of a path becomes the recorded one.</summary>
internal enum ReadConversion
{
    /// <summary>A count, or already a string.</summary>
    None,

    /// <summary>An enum, as the provider spells it (<c>ContentFilter</c> → <c>content_filter</c>).</summary>
    EnumName,

    /// <summary>Any other value: its string, unquoted when the SDK prints JSON.</summary>
    PlainString,
}

/// <summary>A path from the response to one value, resolved: plain data the emitter renders.</summary>
internal sealed record ReadPath(EquatableArray<ReadStep> Steps, ReadConversion Conversion);

/// <summary>One recorded field: its alternatives, tried in order (the first non-null wins).</summary>
internal sealed record ReadField(EquatableArray<ReadPath> Alternatives);

/// <summary>
/// Everything read from a result (or from one stream update), as resolved paths from the value the runtime passes
/// (after unwrapping <see cref="Root"/>, e.g. <c>Value</c> of <c>ClientResult&lt;T&gt;</c>).
/// </summary>
internal sealed record ResponseReadSpec
{
    public string? Root { get; init; }
    public ReadField? InputTokens { get; init; }
    public ReadField? OutputTokens { get; init; }
    public ReadField? Model { get; init; }
    public ReadField? FinishReason { get; init; }
    public ReadField? ResponseId { get; init; }
    public ReadField? OutputText { get; init; }
    public ReadField? CacheReadTokens { get; init; }
    public ReadField? CacheWriteTokens { get; init; }
    public ReadField? ReasoningTokens { get; init; }
    public ReadField? InputAudioTokens { get; init; }
    public ReadField? OutputAudioTokens { get; init; }
    /// <summary>The cache counts are not part of the input tokens (Anthropic).</summary>
    public bool CacheTokensSeparate { get; init; }
    /// <summary>Missing output tokens are zero (embeddings).</summary>
    public bool NoOutputTokens { get; init; }
    /// <summary>Text is always read (it marks the first token); for a whole response only when content is captured.</summary>
    public bool IsStreamUpdate { get; init; }

    public bool IsEmpty => InputTokens is null && OutputTokens is null && Model is null && FinishReason is null && ResponseId is null && OutputText is null
        && CacheReadTokens is null && CacheWriteTokens is null && ReasoningTokens is null
        && InputAudioTokens is null && OutputAudioTokens is null;
}

/// <summary>The requested model, read from the argument <see cref="Parameter"/> (a known request type) before the call.</summary>
internal sealed record RequestModelSpec(string Parameter, ReadField Read);

/// <summary>
/// The input messages of a call, read from the argument <see cref="Parameter"/> while content capture is on: the
/// message collection at <see cref="List"/> (null: the argument itself), or the argument as one message when
/// <see cref="Single"/>. <see cref="Role"/> and <see cref="Text"/> are read from each message; without a role
/// read the runtime names the role after the message's type. <see cref="IsPrompt"/>: the argument is a plain string prompt,
/// one user message (<see cref="Text"/> is then null).
/// </summary>
internal sealed record InputMessagesSpec(string Parameter, ReadPath? List, bool Single, ReadField? Role, ReadField? Text, bool IsPrompt = false);
