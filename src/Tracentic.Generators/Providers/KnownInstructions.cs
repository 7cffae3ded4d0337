namespace Tracentic.Generators.Providers;

/// <summary>
/// Where a request argument type (by metadata name) keeps what it tells the model besides its messages, for content
/// capture: the system instructions' text (<see cref="SystemInstructions"/>, alternatives separated by <c>|</c>), and
/// the tools offered (<see cref="Tools"/>, a collection; <see cref="ToolName"/> and <see cref="ToolDescription"/> are
/// paths from one tool). Paths use the <see cref="ResponsePath"/> syntax.
/// </summary>
internal sealed record KnownInstructions(string MetadataName)
{
    public string? SystemInstructions { get; init; }
    public string? Tools { get; init; }
    public string? ToolName { get; init; }
    public string? ToolDescription { get; init; }
}
