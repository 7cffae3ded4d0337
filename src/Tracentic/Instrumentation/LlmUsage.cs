using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>Token usage and model read from a response by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct LlmUsage(long? InputTokens, long? OutputTokens, string? Model = null);
