#pragma warning disable RSEXPERIMENTAL002 // GetInterceptorMethod: the compiler's own answer to "is this call intercepted?"
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>A use of an annotated member in user code, and whether the compiler intercepts it.</summary>
/// <remarks>A TRC diagnostic about the use is expected at <see cref="Location"/>, or at <see cref="Declaration"/> for a member no use of which can be wrapped.</remarks>
internal sealed record CallSite(string File, int Line, string Code, string Target, string? Shape, bool Intercepted, bool LlmCall, Location Location, Location? Declaration)
{
    public override string ToString() => $"{File}({Line}) [{Shape ?? "-"}] {Code} -> {Target}: {(Intercepted ? "intercepted" : "NOT intercepted")}";
}

/// <summary>Finds every use of a <c>[TracenticScope]</c>/<c>[TracenticLlmCall]</c> member (directly, through an override or an interface).</summary>
internal static class CallSites
{
    private static readonly string[] s_attributes = ["Tracentic.TracenticScopeAttribute", "Tracentic.TracenticLlmCallAttribute"];
    private static readonly string[] s_llmCall = ["Tracentic.TracenticLlmCallAttribute"];

    public static IReadOnlyList<CallSite> Find(CSharpCompilation compilation, ISet<SyntaxTree> generated)
    {
        var sites = new List<CallSite>();
        foreach (var tree in compilation.SyntaxTrees.Where(t => !generated.Contains(t)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                IMethodSymbol? target = node switch
                {
                    InvocationExpressionSyntax => model.GetSymbolInfo(node).Symbol as IMethodSymbol,
                    BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => model.GetSymbolInfo(node).Symbol as IMethodSymbol,
                    // A property whose accessor carries the attribute (AttributeTargets.Method allows it).
                    IdentifierNameSyntax when model.GetSymbolInfo(node).Symbol is IPropertySymbol property =>
                        new[] { property.GetMethod, property.SetMethod }.FirstOrDefault(a => a is not null && IsAnnotated(a)),
                    _ => null,
                };
                if (target is null || !IsAnnotated(target))
                {
                    continue;
                }

                var intercepted = node is InvocationExpressionSyntax invocation && model.GetInterceptorMethod(invocation) is not null;
                var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var code = node.ToString().ReplaceLineEndings(" ");
                sites.Add(new CallSite(Path.GetFileName(tree.FilePath), line, code.Length > 80 ? code[..80] + "…" : code,
                    target.ContainingType?.Name + "." + target.Name, ShapeOf(node), intercepted, IsAnnotated(target, s_llmCall), node.GetLocation(),
                    (target.ReducedFrom ?? target).OriginalDefinition.Locations.FirstOrDefault(l => l.IsInSource)));
            }
        }

        return sites;
    }

    public static bool IsAnnotated(IMethodSymbol method) => IsAnnotated(method, s_attributes);

    private static bool IsAnnotated(IMethodSymbol method, string[] attributes)
    {
        method = method.ReducedFrom ?? method;
        for (var m = method.OriginalDefinition; m is not null; m = m.OverriddenMethod?.OriginalDefinition)
        {
            if (HasAttribute(m, attributes))
            {
                return true;
            }

            foreach (var iface in m.ContainingType?.AllInterfaces ?? [])
            {
                foreach (var member in iface.GetMembers().OfType<IMethodSymbol>())
                {
                    if (HasAttribute(member, attributes) && SymbolEqualityComparer.Default.Equals(m.ContainingType!.FindImplementationForInterfaceMember(member)?.OriginalDefinition, m))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool HasAttribute(IMethodSymbol m, string[] attributes) =>
        m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is { } name && attributes.Contains(name));

    /// <summary>The corpus shape (the <c>[Shape("name")]</c> method) a call is written in, if any.</summary>
    public static string? ShapeOf(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>()
            .SelectMany(m => m.AttributeLists.SelectMany(l => l.Attributes))
            .Where(a => a.Name.ToString() is "Shape" or "ShapeAttribute")
            .Select(a => a.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : null)
            .FirstOrDefault(n => n is not null);
}

internal static class CallSiteExtensions
{
    /// <summary>Whether a diagnostic is about this use: at the call, or at the annotated member's declaration.</summary>
    public static bool IsAbout(this Diagnostic d, CallSite site) =>
        d.Location.IsInSource && (Overlaps(d.Location, site.Location) || (site.Declaration is { } declaration && Overlaps(d.Location, declaration)));

    private static bool Overlaps(Location a, Location b) => a.SourceTree == b.SourceTree && a.SourceSpan.IntersectsWith(b.SourceSpan);
}
