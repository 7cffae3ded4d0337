namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>One member read: <c>.Name</c>, or <c>?.Name</c> when the value before it may be null.</summary>
internal sealed record MemberStep(string Name, bool NullConditional);
