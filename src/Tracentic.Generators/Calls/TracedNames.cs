using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Common;

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
    private readonly IdentifierSearch _search;
    private int _boundCalls;

    private TracedNames(HashSet<string> names)
    {
        _names = names;
        _search = new IdentifierSearch(names);
    }

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
    /// The calls in <paramref name="tree"/> written with the name of an annotated method, in text order: found where
    /// the text spells a name, so the rest of the tree is never visited. Calls without a written name (a delegate
    /// returned by a call) cannot be intercepted, so they are not looked for.
    /// </summary>
    public List<InvocationExpressionSyntax> CallsIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var calls = new List<InvocationExpressionSyntax>();
        if (_names.Count == 0)
        {
            return calls;
        }

        var search = _search.FindIn(tree.GetText(cancellationToken), cancellationToken);
        var root = tree.GetRoot(cancellationToken);
        foreach (var (position, word) in search.Found)
        {
            var token = root.FindToken(position);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == word && CallNamedBy(token) is { } call)
            {
                calls.Add(call);
            }
        }

        if (search.Escapes.Count > 0)
        {
            // An identifier spelled with an escape (G\u006F) is read by its value; the calls then go in text order again.
            foreach (var position in search.Escapes)
            {
                var token = root.FindToken(position);
                if (token.IsKind(SyntaxKind.IdentifierToken) && _names.Contains(token.ValueText) && CallNamedBy(token) is { } call && !calls.Contains(call))
                {
                    calls.Add(call);
                }
            }

            calls.Sort(static (a, b) => a.SpanStart.CompareTo(b.SpanStart));
        }

        return calls;
    }

    /// <summary>The invocation whose written name is <paramref name="identifier"/>: <c>M()</c>, <c>M&lt;T&gt;()</c>, <c>x.M()</c>, <c>x?.M()</c>.</summary>
    private static InvocationExpressionSyntax? CallNamedBy(SyntaxToken identifier)
    {
        if (identifier.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        var expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
            : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
            : (ExpressionSyntax)name;
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
    }

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

        if (attributeNames.Count > DeclaredTracedNames.AttributeNames.Length)
        {
            // An alias may be used in a file that never spells the attribute's own name: read those files too.
            var aliases = new IdentifierSearch(attributeNames.SelectMany(static n => new[] { n, n + "Attribute" }));
            declared = [.. compilation.SyntaxTrees.Select(tree => DeclaredTracedNames.Aliased(tree, aliases, cancellationToken))];
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
