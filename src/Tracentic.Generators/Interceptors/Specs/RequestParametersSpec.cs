using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>The request parameters read from the argument <see cref="Parameter"/> (a known request type) before the call.</summary>
internal sealed record RequestParametersSpec(string Parameter, EquatableArray<RequestParameterRead> Reads);
