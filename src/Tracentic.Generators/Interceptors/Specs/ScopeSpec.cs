namespace Tracentic.Generators.Interceptors.Specs;

internal sealed record ScopeSpec(string Name);
