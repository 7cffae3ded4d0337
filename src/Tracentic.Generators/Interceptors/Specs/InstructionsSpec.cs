namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// The system instructions and tools of a call, read from the argument <see cref="Parameter"/> while content capture
/// is on: <see cref="System"/> from the argument, <see cref="Tools"/> the tool collection, <see cref="ToolName"/> and
/// <see cref="ToolDescription"/> from each tool (all three or none).
/// </summary>
internal sealed record InstructionsSpec(string Parameter, ReadField? System, ReadPath? Tools, ReadField? ToolName, ReadField? ToolDescription);
