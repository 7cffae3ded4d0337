using System;
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
/// What one syntax tree declares, read without binding: the methods (and local functions, and accessors) that carry
/// an attribute, by the attribute's simple name, and the aliases it declares for the Tracentic attributes.
/// Names are compared without an <c>Attribute</c> suffix, as C# resolves <c>[X]</c> to <c>X</c> or <c>XAttribute</c>.
/// Cached per tree: an edit re-reads only the edited file.
/// </summary>
internal sealed class DeclaredTracedNames
{
    /// <summary>The attribute names that make a method traced, as written without an alias.</summary>
    public static readonly string[] AttributeNames = ["TracenticScope", "TracenticLlmCall"];

    private static readonly ConditionalWeakTable<SyntaxTree, DeclaredTracedNames> s_byTree = new();

    // The attribute names as written without an alias, with and without the suffix: a file that spells none of
    // them declares nothing traced, unless through an alias declared elsewhere (see Aliased).
    private static readonly IdentifierSearch s_attributeWords = new(AttributeNames.SelectMany(static n => new[] { n, n + "Attribute" }));

    private static readonly DeclaredTracedNames s_nothing = new([], []);

    private DeclaredTracedNames(List<(string, string)> attributed, List<string> aliases)
    {
        Attributed = attributed;
        Aliases = aliases;
    }

    /// <summary>Every attributed method-like declaration: the attribute's simple name and the method's name.</summary>
    public IReadOnlyList<(string Attribute, string Method)> Attributed { get; }

    /// <summary>Aliases (<c>using X = Tracentic.TracenticScopeAttribute;</c>) that name one of the attributes.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>What <paramref name="tree"/> declares with the attributes' own names; its syntax is read only when its text spells one.</summary>
    public static DeclaredTracedNames Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_byTree.GetValue(tree, t => s_attributeWords.MayBeIn(t.GetText(cancellationToken), cancellationToken) ? Read(t, cancellationToken) : s_nothing);

    /// <summary>
    /// What <paramref name="tree"/> declares when some file declares <paramref name="aliases"/> for the attributes:
    /// a file that spells one of them is read whole (an alias is rare; this is not cached).
    /// </summary>
    public static DeclaredTracedNames Aliased(SyntaxTree tree, IdentifierSearch aliases, CancellationToken cancellationToken)
    {
        var names = Of(tree, cancellationToken);
        return names != s_nothing || !aliases.MayBeIn(tree.GetText(cancellationToken), cancellationToken) ? names : Read(tree, cancellationToken);
    }

    private static DeclaredTracedNames Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var attributed = new List<(string, string)>();
        var aliases = new List<string>();
        // Attribute lists are never nested, and nothing inside one declares a method.
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is not (AttributeListSyntax or UsingDirectiveSyntax)))
        {
            switch (node)
            {
                case AttributeListSyntax list when MethodName(list.Parent) is { } method:
                    foreach (var attribute in list.Attributes)
                    {
                        attributed.Add((WithoutSuffix(SimpleName(attribute.Name)), method));
                    }

                    break;
                case UsingDirectiveSyntax { Alias: { } alias, NamespaceOrType: { } target }
                    when Array.IndexOf(AttributeNames, WithoutSuffix(SimpleName(target))) >= 0:
                    aliases.Add(WithoutSuffix(alias.Name.Identifier.ValueText));
                    break;
            }
        }

        return new DeclaredTracedNames(attributed, aliases);
    }

    /// <summary>The name calls use for the declaration an attribute list belongs to, or null when nothing calls it by name.</summary>
    private static string? MethodName(SyntaxNode? declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        // Accessors are called by the compiler (a foreach reads Current): the analyzer explains those calls.
        AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } accessor =>
            (accessor.IsKind(SyntaxKind.GetAccessorDeclaration) ? "get_" : "set_") + property.Identifier.ValueText,
        _ => null,
    };

    private static string SimpleName(TypeSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        _ => "",
    };

    private static string WithoutSuffix(string name) =>
        name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
}
