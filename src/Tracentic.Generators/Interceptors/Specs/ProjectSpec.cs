namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>Project facts the generator needs: whether interceptors are enabled, and where the project lives.</summary>
internal sealed record ProjectSpec(bool InterceptorsEnabled, string? ProjectDirectory);
