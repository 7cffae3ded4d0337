using System.ComponentModel;

namespace Tracentic.Instrumentation.Providers;

/// <summary>One input message of an LLM call, read from its request when content capture is on.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct LlmMessage(string Role, string? Text);
