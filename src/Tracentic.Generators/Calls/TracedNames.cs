using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tracentic.Generators.Calls;

/// <summary>
/// The simple names of the annotated methods a compilation can call: those declared in its source and those of
/// referenced assemblies that reference the Tracentic runtime (no other assembly can carry its attributes).
/// An override or an interface implementation has the name of the member it inherits the attributes from (see
/// <see cref="TracedMethod.Find"/>), so a call whose name is not here cannot be traced and is never bound.
/// </summary>
internal sealed class TracedNames
{
    private static readonly ConditionalWeakTable<Compilation, TracedNames> s_byCompilation = new();

    private readonly HashSet<string> _names;
    private int _boundCalls;

    private TracedNames(HashSet<string> names) => _names = names;

    /// <summary>The names of <paramref name="compilation"/>, worked out once per compilation.</summary>
    public static TracedNames Of(Compilation compilation, TracenticSymbols symbols, CancellationToken cancellationToken) =>
        s_byCompilation.GetValue(compilation, c => Build(c, symbols, cancellationToken));

    public int Count => _names.Count;

    /// <summary>How many calls of this compilation the generator bound (a figure for tests: the filter's effect).</summary>
    public int BoundCalls => Volatile.Read(ref _boundCalls);

    public void CountBoundCall() => Interlocked.Increment(ref _boundCalls);

    /// <summary>Whether a method of this name (a symbol's <see cref="ISymbol.Name"/>) may carry the attributes.</summary>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Whether any of <paramref name="names"/> may carry the attributes.</summary>
    public bool ContainsAny(IEnumerable<string> names) => names.Any(_names.Contains);

    /// <summary>
    /// False only when the call names its method and no annotated method has that name: such a call needs no
    /// binding. A call whose target has no written name (a delegate returned by a call, say) may still be bound.
    /// </summary>
    public bool MayBeCalledBy(InvocationExpressionSyntax invocation) => InvokedName(invocation) is not { } name || _names.Contains(name);

    /// <summary>The simple name an invocation is written with: <c>M()</c>, <c>M&lt;T&gt;()</c>, <c>x.M()</c>, <c>x?.M()</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    private static TracedNames Build(Compilation compilation, TracenticSymbols symbols, CancellationToken cancellationToken)
    {
        // Source: attribute names are resolved syntactically, so an alias to an attribute counts wherever it is declared.
        var declared = new List<DeclaredTracedNames>();
        var attributeNames = new HashSet<string>(DeclaredTracedNames.AttributeNames);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var names = DeclaredTracedNames.Of(tree, cancellationToken);
            declared.Add(names);
            attributeNames.UnionWith(names.Aliases);
        }

        var traced = new HashSet<string>();
        foreach (var names in declared)
        {
            traced.UnionWith(names.Attributed.Where(a => attributeNames.Contains(a.Attribute)).Select(static a => a.Method));
        }

        // Metadata: only an assembly that references the runtime (where the attributes live) can carry them.
        var runtime = symbols.ScopeAttribute.ContainingAssembly.Identity.Name;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == runtime)))
            {
                traced.UnionWith(ReferencedTracedNames.Of(assembly, cancellationToken));
            }
        }

        return new TracedNames(traced);
    }
}
