namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// An interceptable call: the v1 location data, where it is (<c>path(line,col)</c>, 1-based), and the member that
/// makes it, which become the span's <c>code.filepath</c>, <c>code.lineno</c> and <c>code.function</c> (<c>Type.Member</c>) on
/// the ingest, and <c>code.file.path</c>, <c>code.line.number</c> and <c>code.function.name</c> (<see cref="QualifiedFunction"/>,
/// <c>Namespace.Type.Member</c>) elsewhere.
/// </summary>
internal sealed record CallLocationSpec(int Version, string Data, string FilePath, int Line, int Column, string Function, string QualifiedFunction);

internal sealed record CallSiteSpec(MethodSpec Method, CallLocationSpec Location);
