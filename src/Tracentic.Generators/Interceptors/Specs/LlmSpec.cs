namespace Tracentic.Generators.Interceptors.Specs;

internal sealed record LlmSpec(string? Provider, string? Model, string? OperationType, UsageSpec? Usage);
