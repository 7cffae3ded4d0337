using System.Linq;
using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Calls;

/// <summary>
/// A method whose calls are traced. <see cref="Definition"/> is the method called; <see cref="Annotated"/> carries the
/// attributes (the same method, a virtual method it overrides, or an interface member it implements).
/// </summary>
internal sealed record TracedMethod(IMethodSymbol Definition, IMethodSymbol Annotated, AttributeData? Scope, AttributeData? Llm)
{
    /// <summary>
    /// The attributes that make a call traced: on the method itself, on a virtual method it overrides, or on an
    /// interface member it implements (so direct calls of implementations are traced too). Null when untraced.
    /// </summary>
    public static TracedMethod? Find(IMethodSymbol target, TracenticSymbols symbols)
    {
        var definition = (target.ReducedFrom ?? target).OriginalDefinition;
        if (Read(definition, definition, symbols) is { } own)
        {
            return own;
        }

        // An override is traced like the virtual method it overrides.
        for (var overridden = definition.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (Read(overridden.OriginalDefinition, definition, symbols) is { } inheritedFromBase)
            {
                return inheritedFromBase;
            }
        }

        if (definition.IsStatic || definition.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type)
        {
            return null;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(definition.Name).OfType<IMethodSymbol>())
            {
                var implementation = type.FindImplementationForInterfaceMember(member);
                if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, definition)
                    && Read(member.OriginalDefinition, definition, symbols) is { } inherited)
                {
                    return inherited;
                }
            }
        }

        return null;
    }

    /// <summary>The attributes declared on <paramref name="annotated"/> itself, or null when it has none.</summary>
    public static TracedMethod? Read(IMethodSymbol annotated, IMethodSymbol definition, TracenticSymbols symbols)
    {
        AttributeData? scope = null, llm = null;
        foreach (var attribute in annotated.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ScopeAttribute))
            {
                scope = attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.LlmAttribute))
            {
                llm = attribute;
            }
        }

        return scope is null && llm is null ? null : new TracedMethod(definition, annotated, scope, llm);
    }

    /// <summary><c>Type.Method</c>, as diagnostics and default scope names say it.</summary>
    public static string DisplayName(IMethodSymbol method) => $"{method.ContainingType?.Name}.{method.Name}";

    /// <summary>The first attribute's location in source, where diagnostics about the method go.</summary>
    public Location? AttributeLocation => (Llm ?? Scope)?.ApplicationSyntaxReference?.GetSyntax().GetLocation();
}
