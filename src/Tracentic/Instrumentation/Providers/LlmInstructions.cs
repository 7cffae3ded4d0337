using System.ComponentModel;

namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// What a call's request tells the model besides its messages, read only while content capture is on: the system
/// instructions given apart from the messages (<c>ChatOptions.Instructions</c>, Anthropic's <c>system</c>, the
/// Responses API's <c>instructions</c>) and the tools offered. Recorded as <c>gen_ai.system_instructions</c> and
/// <c>gen_ai.tool.definitions</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmInstructions(string? systemInstructions, LlmToolDefinition[]? tools)
{
    /// <summary>The system instructions' text; null when the request has none.</summary>
    public string? SystemInstructions { get; } = systemInstructions;

    /// <summary>The tools offered; null when there are none.</summary>
    public LlmToolDefinition[]? Tools { get; } = tools;
}
