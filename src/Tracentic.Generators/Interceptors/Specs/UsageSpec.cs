namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// How token usage and the model are read from the (unwrapped) result. When <see cref="ContentType"/> is set, the
/// counts are read from the first item of that type in the result's <see cref="ContentsMember"/> (paths rooted at
/// that item): how Microsoft.Extensions.AI stream updates carry usage.
/// </summary>
internal sealed record UsageSpec(
    MemberPath? InputTokens,
    MemberPath? OutputTokens,
    MemberPath? Model,
    string? ContentsMember = null,
    string? ContentType = null);
