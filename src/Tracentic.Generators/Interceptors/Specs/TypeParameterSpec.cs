using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <param name="Name">The name in the interceptor: renamed when the type's and the method's type parameters, or a parameter, share a name.</param>
/// <param name="Constraints">The constraint clauses in declaration order, e.g. <c>class</c>, <c>global::IBump</c>, <c>new()</c>.</param>
/// <param name="Attributes">What the trimmer reads on the type parameter (<c>[DynamicallyAccessedMembers]</c>).</param>
internal sealed record TypeParameterSpec(string Name, EquatableArray<string> Constraints, EquatableArray<AttributeSpec> Attributes);
