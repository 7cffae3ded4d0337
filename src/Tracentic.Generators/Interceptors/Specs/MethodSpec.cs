using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// Everything that shapes one interceptor routine: the target method and what its wrapper records. Call sites with
/// equal specs share the routine; each site keeps its own location.
/// </summary>
internal sealed record MethodSpec
{
    /// <summary>The receiver's type (with the interceptor's type parameter names), e.g. <c>global::Box&lt;T&gt;</c>.</summary>
    public required string ContainingType { get; init; }
    /// <summary>The method's name as declared (without <c>@</c>).</summary>
    public required string MethodName { get; init; }
    /// <summary><c>Type.Method</c>, the default scope name and what comments name.</summary>
    public required string DisplayName { get; init; }
    public required ReceiverKind Receiver { get; init; }
    public required ReturnKind ReturnKind { get; init; }
    /// <summary>The declared return type, or <c>void</c>.</summary>
    public required string ReturnType { get; init; }
    /// <summary>T of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, the item of <c>IAsyncEnumerable&lt;T&gt;</c>, or the value's type.</summary>
    public string? ResultType { get; init; }
    public required EquatableArray<ParameterSpec> Parameters { get; init; }
    /// <summary>The containing type's type parameters (outermost first).</summary>
    public required EquatableArray<TypeParameterSpec> TypeTypeParameters { get; init; }
    public required EquatableArray<TypeParameterSpec> MethodTypeParameters { get; init; }
    /// <summary>The method is not accessible from generated code and is called through <c>[UnsafeAccessor]</c>.</summary>
    public required bool UsesAccessor { get; init; }
    public required bool ReceiverIsValueType { get; init; }
    /// <summary>The signature uses pointers or function pointers.</summary>
    public required bool IsUnsafe { get; init; }
    /// <summary>Warnings that naming the user's own members raises (obsolete, experimental), silenced in generated code only.</summary>
    public required EquatableArray<string> SuppressedWarnings { get; init; }
    /// <summary>What the compiler and the trimmer read on the method (<c>[DoesNotReturn]</c>, <c>[RequiresUnreferencedCode]</c>, ...).</summary>
    public required EquatableArray<AttributeSpec> MethodAttributes { get; init; }
    /// <summary>What they read on the return value (<c>[return: MaybeNull]</c>, <c>[return: DynamicallyAccessedMembers]</c>, ...).</summary>
    public required EquatableArray<AttributeSpec> ReturnAttributes { get; init; }
    /// <summary>What they read on <c>this</c> (the method's own <c>[DynamicallyAccessedMembers]</c>, <c>[UnscopedRef]</c>), for the wrapper's receiver parameter.</summary>
    public required EquatableArray<AttributeSpec> ReceiverAttributes { get; init; }
    public ScopeSpec? Scope { get; init; }
    public LlmSpec? Llm { get; init; }
}
