using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Calls;

/// <summary>
/// The names of the annotated methods of a referenced assembly. Read once per assembly symbol, which the compiler
/// shares between the compilations of a project while its references do not change.
/// </summary>
internal static class ReferencedTracedNames
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, string[]> s_byAssembly = new();

    public static IReadOnlyList<string> Of(IAssemblySymbol assembly, CancellationToken cancellationToken) =>
        s_byAssembly.GetValue(assembly, a => Read(a, cancellationToken));

    private static string[] Read(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>();
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        var types = new Stack<INamedTypeSymbol>();
        while (namespaces.Count > 0)
        {
            var ns = namespaces.Pop();
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol nested)
                {
                    namespaces.Push(nested);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types.Push(type);
                }
            }
        }

        while (types.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = types.Pop();
            foreach (var member in type.GetMembers())
            {
                if (member is INamedTypeSymbol nested)
                {
                    types.Push(nested); // nested types, and C# 14 extension blocks
                }
                else if (member is IMethodSymbol method && IsAnnotated(method))
                {
                    // An explicit implementation is named after its interface ("System.IDisposable.Dispose"); the
                    // compiler calls it by the member's own name (a foreach, a using), which the analyzer looks for.
                    names.Add(method.Name);
                    names.Add(method.Name.Substring(method.Name.LastIndexOf('.') + 1));
                }
            }
        }

        return [.. names];
    }

    /// <summary>By name: the attribute classes are the runtime's, whichever compilation this assembly symbol was read for.</summary>
    private static bool IsAnnotated(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "TracenticScopeAttribute" or "TracenticLlmCallAttribute", ContainingNamespace: { Name: "Tracentic", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }
}
