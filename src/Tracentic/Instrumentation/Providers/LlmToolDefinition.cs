using System.ComponentModel;

namespace Tracentic.Instrumentation.Providers;

/// <summary>One tool a call offers the model, read from its request when content capture is on.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmToolDefinition(string name, string? description)
{
    /// <summary>The tool's name, as the model calls it.</summary>
    public string Name { get; } = name;

    /// <summary>What the tool does, as the developer described it to the model.</summary>
    public string? Description { get; } = description;
}
