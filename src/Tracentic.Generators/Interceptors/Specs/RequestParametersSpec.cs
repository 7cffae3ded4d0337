using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// The request parameters read from the argument <see cref="Parameter"/> (a known request type) before the call; and
/// the output format at <see cref="OutputFormat"/>, recorded by its type (<see cref="OutputTypes"/>).
/// </summary>
internal sealed record RequestParametersSpec(
    string Parameter, EquatableArray<RequestParameterRead> Reads, ReadPath? OutputFormat = null, EquatableArray<OutputTypeCase> OutputTypes = default);
