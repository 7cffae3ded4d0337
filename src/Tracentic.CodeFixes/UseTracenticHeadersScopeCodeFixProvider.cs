using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.CodeFixes;

/// <summary>
/// Fixes TRC001 and TRC002 by replacing the string constant with <c>TracenticHeaders.Scope</c>.
/// </summary>
/// <remarks>
/// How the constant is written follows the file, decided at each replaced expression:
/// <list type="number">
/// <item>If <c>TracenticHeaders.Scope</c> already binds there (a <c>using Tracentic;</c>, a global using,
/// or code inside the <c>Tracentic</c> namespace), it is written as is.</item>
/// <item>Otherwise, if the file writes Tracentic names qualified (it has no <c>using Tracentic;</c> but names
/// <c>Tracentic.Something</c> outside using directives, or aliases a Tracentic type or namespace), or another
/// type or namespace called <c>TracenticHeaders</c> is in scope there, the name is qualified:
/// <c>Tracentic.TracenticHeaders.Scope</c>, or an alias of it, or <c>global::Tracentic.TracenticHeaders.Scope</c>
/// when <c>Tracentic</c> itself means something else there. No using directive is added.</item>
/// <item>Otherwise <c>using Tracentic;</c> is added (where the file and <c>.editorconfig</c> place and sort
/// usings) and <c>TracenticHeaders.Scope</c> is written.</item>
/// </list>
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTracenticHeadersScopeCodeFixProvider)), Shared]
public sealed class UseTracenticHeadersScopeCodeFixProvider : CodeFixProvider
{
    /// <summary>Same key for both diagnostics: fix-all applies the one fix to every occurrence.</summary>
    public const string EquivalenceKey = "Tracentic.UseTracenticHeadersScope";

    internal const string Title = "Use TracenticHeaders.Scope";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ScopeHeaderLiteral, DiagnosticIds.ScopeHeaderMisspelling);

    public override FixAllProvider GetFixAllProvider() => UseTracenticHeadersScopeFixAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindConstantExpression(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Replaces every diagnosed constant of one document in a single edit (used by the fix and by fix-all).</summary>
    internal static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        var headersType = semanticModel.Compilation.GetTypeByMetadataName("Tracentic.TracenticHeaders");
        var scopeField = headersType?.GetMembers("Scope").OfType<IFieldSymbol>().FirstOrDefault();
        if (headersType is null || scopeField is null)
        {
            return document;
        }

        var targets = new List<ExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindConstantExpression(root, diagnostic) is { } expression && !targets.Contains(expression))
            {
                targets.Add(expression);
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var prefersQualifiedNames = PrefersQualifiedNames(root, semanticModel, headersType.ContainingNamespace, cancellationToken);
        var needsImport = false;

        foreach (var target in targets)
        {
            var position = target.SpanStart;
            SyntaxNode replacement;
            if (Binds(semanticModel, position, ShortName(generator), scopeField))
            {
                // 1. Already in scope.
                replacement = ShortName(generator);
            }
            else if (prefersQualifiedNames || OtherTracenticHeadersInScope(semanticModel, position, headersType))
            {
                // 2. Qualified; the simplifier drops global:: (or uses an alias) wherever that still binds.
                replacement = QualifiedName(generator, headersType, Simplifier.Annotation);
            }
            else
            {
                // 3. Import the namespace, then the simplifier shortens the name.
                replacement = QualifiedName(generator, headersType, Simplifier.Annotation, ImportAnnotation);
                needsImport = true;
            }

            editor.ReplaceNode(target, replacement.WithTriviaFrom(target));
        }

        var changed = editor.GetChangedDocument();
        if (needsImport)
        {
            // Placement and order follow the file and .editorconfig (csharp_using_directive_placement, dotnet_sort_system_directives_first).
            changed = await ImportAdder.AddImportsAsync(changed, ImportAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, SyntaxAnnotation.ElasticAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Re-parse: a member access in some positions reads differently once parsed (`x is TracenticHeaders.Scope`
        // is an is-type expression that binds to the constant), and later fixes must see the tree the compiler sees.
        var text = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return changed.WithText(SourceText.From(text.ToString(), text.Encoding, text.ChecksumAlgorithm));
    }

    /// <summary>Marks the names whose namespace <see cref="ImportAdder"/> should import.</summary>
    private static readonly SyntaxAnnotation ImportAnnotation = new("Tracentic.ImportTracenticNamespace");

    /// <summary><c>global::Tracentic.TracenticHeaders.Scope</c> as member accesses, with the type part annotated.</summary>
    private static SyntaxNode QualifiedName(SyntaxGenerator generator, INamedTypeSymbol headersType, params SyntaxAnnotation[] annotations)
    {
        var names = new Stack<string>();
        names.Push(headersType.Name);
        for (var ns = headersType.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            names.Push(ns.Name);
        }

        SyntaxNode type = SyntaxFactory.AliasQualifiedName(
            SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)),
            SyntaxFactory.IdentifierName(names.Pop()));
        while (names.Count > 0)
        {
            type = generator.MemberAccessExpression(type, names.Pop());
        }

        return generator.MemberAccessExpression(type.WithAdditionalAnnotations(annotations), "Scope");
    }

    private static SyntaxNode ShortName(SyntaxGenerator generator) =>
        generator.MemberAccessExpression(generator.IdentifierName("TracenticHeaders"), "Scope");

    /// <summary>The expression the analyzer reported: exactly the diagnostic's span (a literal inside an argument, not the argument).</summary>
    private static ExpressionSyntax? FindConstantExpression(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax expression && expression.Span == span
            ? expression
            : null;
    }

    private static bool Binds(SemanticModel semanticModel, int position, SyntaxNode expression, IFieldSymbol scopeField)
    {
        var symbol = semanticModel.GetSpeculativeSymbolInfo(position, expression, SpeculativeBindingOption.BindAsExpression).Symbol;
        return SymbolEqualityComparer.Default.Equals(symbol, scopeField);
    }

    /// <summary>Adding <c>using Tracentic;</c> would make <c>TracenticHeaders</c> ambiguous or hidden here.</summary>
    private static bool OtherTracenticHeadersInScope(SemanticModel semanticModel, int position, INamedTypeSymbol headersType) =>
        semanticModel.LookupNamespacesAndTypes(position, name: "TracenticHeaders")
            .Any(symbol => !SymbolEqualityComparer.Default.Equals(symbol, headersType));

    /// <summary>
    /// The file has no <c>using Tracentic;</c> yet already refers to the Tracentic namespace through a qualified
    /// name or an alias: keep writing Tracentic names that way rather than adding a using directive.
    /// </summary>
    private static bool PrefersQualifiedNames(SyntaxNode root, SemanticModel semanticModel, INamespaceSymbol tracenticNamespace, CancellationToken cancellationToken)
    {
        var sawQualifiedName = false;
        // Using directives live only in the compilation unit and namespace declarations.
        foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0, Name: { } name }
                    when IsNamespace(semanticModel.GetSymbolInfo(name, cancellationToken).Symbol, tracenticNamespace):
                    return false; // using Tracentic; exists (its scope simply does not cover the target)
                case UsingDirectiveSyntax { Alias: not null, Name: { } aliasTarget }
                    when IsInNamespace(semanticModel.GetSymbolInfo(aliasTarget, cancellationToken).Symbol, tracenticNamespace):
                    sawQualifiedName = true;
                    break;
            }
        }

        if (sawQualifiedName)
        {
            return true;
        }

        foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != "Tracentic" || identifier.FirstAncestorOrSelf<UsingDirectiveSyntax>() is not null)
            {
                continue;
            }

            var isLeftOfQualifiedName = identifier.Parent switch
            {
                QualifiedNameSyntax qualified => qualified.Left == identifier,
                MemberAccessExpressionSyntax memberAccess => memberAccess.Expression == identifier,
                AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name == identifier,
                _ => false,
            };
            if (isLeftOfQualifiedName && IsNamespace(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, tracenticNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamespace(ISymbol? symbol, INamespaceSymbol tracenticNamespace) =>
        symbol is INamespaceSymbol ns && ns.ToDisplayString() == tracenticNamespace.ToDisplayString();

    private static bool IsInNamespace(ISymbol? symbol, INamespaceSymbol tracenticNamespace)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (IsNamespace(current, tracenticNamespace))
            {
                return true;
            }
        }

        return false;
    }
}
