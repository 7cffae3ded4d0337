#pragma warning disable RSEXPERIMENTAL002 // GetInterceptorMethod: the compiler's own answer to "is this call intercepted?"
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
                foreach (var (target, span) in Uses(model, node).Concat(ImplicitUses(model, node)))
                {
                    if (target is null || !IsAnnotated(target))
                    {
                        continue;
                    }

                    var intercepted = node is InvocationExpressionSyntax invocation && model.GetInterceptorMethod(invocation) is not null;
                    var location = Location.Create(tree, span);
                    var line = location.GetLineSpan().StartLinePosition.Line + 1;
                    var code = tree.GetText().ToString(span).ReplaceLineEndings(" ");
                    sites.Add(new CallSite(Path.GetFileName(tree.FilePath), line, code.Length > 80 ? code[..80] + "…" : code,
                        target.ContainingType?.Name + "." + target.Name, ShapeOf(node), intercepted, IsAnnotated(target, s_llmCall), location,
                        DeclarationOf(target)));
                }
            }
        }

        // A use seen both in syntax and in the operation tree is one use.
        return [.. sites.DistinctBy(site => (site.Location.SourceTree, site.Location.SourceSpan, site.Target))];
    }

    /// <summary>
    /// Calls the compiler makes that no syntax names (interpolated string handlers, implicit user-defined conversions,
    /// collection initializers, query clauses), read from the operation tree of each member body.
    /// </summary>
    private static IEnumerable<(IMethodSymbol? Method, Microsoft.CodeAnalysis.Text.TextSpan Span)> ImplicitUses(SemanticModel model, SyntaxNode node)
    {
        var isBody = node is BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax }
            or ArrowExpressionClauseSyntax
            or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax };
        if (!isBody || model.GetOperation(node is ArrowExpressionClauseSyntax arrow ? arrow.Expression : node) is not { } root)
        {
            yield break;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation { IsImplicit: true } invocation:
                    yield return (invocation.TargetMethod, invocation.Syntax.Span);
                    break;
                case IConversionOperation { IsImplicit: true, OperatorMethod: { } conversion } implicitConversion:
                    yield return (conversion, implicitConversion.Syntax.Span);
                    break;
            }
        }
    }

    /// <summary>
    /// The methods a node calls, explicitly or implicitly (operators, conversions, accessors, method groups,
    /// foreach/await/using/deconstruction/collection-initializer/query patterns), with the span a report about it covers.
    /// </summary>
    private static IEnumerable<(IMethodSymbol? Method, Microsoft.CodeAnalysis.Text.TextSpan Span)> Uses(SemanticModel model, SyntaxNode node)
    {
        switch (node)
        {
            case InvocationExpressionSyntax:
            case BinaryExpressionSyntax:
            case PrefixUnaryExpressionSyntax:
            case PostfixUnaryExpressionSyntax:
            case CastExpressionSyntax:
            case AssignmentExpressionSyntax when !node.IsKind(SyntaxKind.SimpleAssignmentExpression):
                yield return (model.GetSymbolInfo(node).Symbol as IMethodSymbol, node.Span);
                break;
            case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction:
                foreach (var method in Deconstructs(model.GetDeconstructionInfo(deconstruction)))
                {
                    yield return (method, node.Span);
                }

                break;
            case ElementAccessExpressionSyntax when model.GetSymbolInfo(node).Symbol is IPropertySymbol indexer:
                yield return (indexer.GetMethod, node.Span);
                yield return (indexer.SetMethod, node.Span);
                break;
            case SimpleNameSyntax name when model.GetSymbolInfo(node).Symbol is IPropertySymbol property:
                yield return (property.GetMethod, name.Span);
                yield return (property.SetMethod, name.Span);
                break;
            case SimpleNameSyntax name when model.GetSymbolInfo(node).Symbol is IMethodSymbol group && !IsInvoked(name) && !InNameOf(name):
                yield return (group, name.Span); // a method group: calls through the delegate are not intercepted
                break;
            case CommonForEachStatementSyntax loop:
                var info = model.GetForEachStatementInfo(loop);
                var header = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(loop.SpanStart, loop.CloseParenToken.Span.End);
                yield return (info.GetEnumeratorMethod, header);
                yield return (info.MoveNextMethod, header);
                yield return (info.CurrentProperty?.GetMethod, header);
                yield return (info.DisposeMethod, header);
                if (loop is ForEachVariableStatementSyntax variables)
                {
                    foreach (var method in Deconstructs(model.GetDeconstructionInfo(variables)))
                    {
                        yield return (method, header);
                    }
                }

                break;
            case AwaitExpressionSyntax:
                var awaitInfo = model.GetAwaitExpressionInfo((AwaitExpressionSyntax)node);
                yield return (awaitInfo.GetAwaiterMethod, node.Span);
                yield return (awaitInfo.GetResultMethod, node.Span);
                yield return (awaitInfo.IsCompletedProperty?.GetMethod, node.Span);
                break;
            case ExpressionSyntax element when element.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                yield return (model.GetCollectionInitializerSymbolInfo(element).Symbol as IMethodSymbol, element.Span);
                break;
            case UsingStatementSyntax { Expression: { } resource }:
                yield return (DisposeOf(model, model.GetTypeInfo(resource).Type), node.Span);
                break;
            case UsingStatementSyntax { Declaration: { } declaration }:
                yield return (DisposeOf(model, model.GetTypeInfo(declaration.Type).Type, declaration.Parent is UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }), node.Span);
                break;
            case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } local:
                yield return (DisposeOf(model, model.GetTypeInfo(local.Declaration.Type).Type, local.AwaitKeyword.RawKind != 0), node.Span);
                break;
            case QueryClauseSyntax or SelectOrGroupClauseSyntax or QueryContinuationSyntax:
                if (node is QueryClauseSyntax clause)
                {
                    var query = model.GetQueryClauseInfo(clause);
                    yield return (query.OperationInfo.Symbol as IMethodSymbol, node.Span);
                    yield return (query.CastInfo.Symbol as IMethodSymbol, node.Span);
                }
                else
                {
                    yield return (model.GetSymbolInfo(node).Symbol as IMethodSymbol, node.Span);
                }

                break;
        }
    }

    private static IEnumerable<IMethodSymbol?> Deconstructs(DeconstructionInfo info) =>
        new[] { info.Method }.Concat(info.Nested.SelectMany(Deconstructs));

    // The Dispose/DisposeAsync a using statement calls on a resource of this type.
    private static IMethodSymbol? DisposeOf(SemanticModel model, ITypeSymbol? type, bool isAsync = false)
    {
        if (type is null)
        {
            return null;
        }

        var contract = isAsync
            ? model.Compilation.GetTypeByMetadataName("System.IAsyncDisposable")
            : model.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        var member = contract?.GetMembers(isAsync ? "DisposeAsync" : "Dispose").OfType<IMethodSymbol>().FirstOrDefault();
        return (member is null ? null : type.FindImplementationForInterfaceMember(member) as IMethodSymbol)
            ?? type.GetMembers(isAsync ? "DisposeAsync" : "Dispose").OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == 0);
    }

    private static bool IsInvoked(SimpleNameSyntax name)
    {
        ExpressionSyntax expression = name;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            expression = access;
        }
        else if (name.Parent is MemberBindingExpressionSyntax binding)
        {
            expression = binding;
        }

        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
    }

    private static bool InNameOf(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

    public static bool IsAnnotated(IMethodSymbol method) => IsAnnotated(method, s_attributes);

    // The whole declaration, attributes included: a diagnostic about the member may sit on its attribute.
    private static Location? DeclarationOf(IMethodSymbol target) =>
        (target.ReducedFrom ?? target).OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault() is { } reference
            ? Location.Create(reference.SyntaxTree, reference.GetSyntax().Span)
            : null;

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
