namespace Tracentic.Generators.Providers;

/// <summary>A request argument type, by metadata name, and the path of the model it asks for.</summary>
internal sealed record KnownRequest(string MetadataName, string Model);
