namespace Tracentic.Generators.Interceptors.Specs;

/// <param name="Property">The <c>LlmRequestParameters</c> property it fills (<c>Temperature</c>, <c>MaxTokens</c>...).</param>
/// <param name="Path">The resolved path from the request argument.</param>
internal sealed record RequestParameterRead(string Property, ReadPath Path, RequestValueKind Kind);
