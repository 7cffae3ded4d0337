using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

    private DeclaredTracedNames(List<(string, string)> attributed, List<string> aliases)
    {
        Attributed = attributed;
        Aliases = aliases;
    }

    /// <summary>Every attributed method-like declaration: the attribute's simple name and the method's name.</summary>
    public IReadOnlyList<(string Attribute, string Method)> Attributed { get; }

    /// <summary>Aliases (<c>using X = Tracentic.TracenticScopeAttribute;</c>) that name one of the attributes.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public static DeclaredTracedNames Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_byTree.GetValue(tree, t => Read(t, cancellationToken));

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
