using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// Finds the string constants the scope-header analyzers judge, from the operation tree, so every context
/// is covered the same way: arguments, indexers, initializers, attribute arguments, default parameter values,
/// switch labels and patterns, field and local initializers.
/// </summary>
/// <remarks>
/// A constant is judged once, as a whole: a literal that is part of a constant concatenation or constant
/// interpolated string is not judged alone; the concatenation is. References to named constants are never
/// reported themselves: a <c>const</c> declared in this compilation is reported at its declaration (the literal
/// in its initializer), so its uses are not reported again; <c>TracenticHeaders</c> members are the fix; and
/// constants from other assemblies cannot be told apart from one initialized from <c>TracenticHeaders.Scope</c>.
/// For the same reasons a concatenation that contains such a reference is not reported.
/// </remarks>
internal static class StringConstantOperations
{
    /// <summary>The operation kinds that can carry a string constant of their own.</summary>
    public static readonly ImmutableArray<OperationKind> Kinds =
        ImmutableArray.Create(OperationKind.Literal, OperationKind.Binary, OperationKind.InterpolatedString);

    /// <summary>
    /// Returns the constant value of <paramref name="operation"/> when it is a string constant to judge on its own
    /// (not a part of a larger constant, not the text between the holes of an interpolated string).
    /// </summary>
    public static bool TryGetStandaloneConstant(IOperation operation, out string value)
    {
        value = string.Empty;
        if (operation.ConstantValue is not { HasValue: true, Value: string constant })
        {
            return false;
        }

        var parent = operation.Parent;

        // The text between holes of $"...", or a hole's format string: not a string value of its own.
        if (parent is IInterpolatedStringTextOperation
            || (parent is IInterpolationOperation interpolation && interpolation.FormatString == operation)
            || IsPartOfLargerConstant(operation))
        {
            return false;
        }

        value = constant;
        return true;
    }

    /// <summary>
    /// True when the constant is built from a <c>TracenticHeaders</c> member or from a named constant that is
    /// itself header-like (reported at its declaration, or declared elsewhere): not to be reported here.
    /// Call it only for a constant that matched, since it walks the operation's descendants.
    /// </summary>
    public static bool IsBuiltFromNamedConstant(IOperation operation, ScopeHeaderSymbols symbols)
    {
        if (operation.Kind == OperationKind.Literal)
        {
            return false;
        }

        foreach (var descendant in operation.Descendants())
        {
            switch (descendant)
            {
                case IFieldReferenceOperation field when symbols.IsInsideHeadersType(field.Field):
                    return true;
                case IFieldReferenceOperation or ILocalReferenceOperation
                    when descendant.ConstantValue is { HasValue: true, Value: string text } && symbols.Matcher.IsHeaderLike(text):
                    return true;
            }
        }

        return false;
    }

    private static bool IsPartOfLargerConstant(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IInterpolationOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent is IBinaryOperation or IInterpolatedStringOperation
            && parent.ConstantValue is { HasValue: true, Value: string };
    }
}
