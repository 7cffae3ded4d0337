using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Common;

using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Providers;

/// <summary>
/// Resolves a <see cref="ResponsePath"/> against the response type the generator sees: every step must be a public
/// instance member, method or variant the type really has, so the generated read compiles and touches only the
/// response. The only code in this folder that sees symbols.
/// </summary>
internal static class ReadPathResolver
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Resolves the alternatives of <paramref name="paths"/> (separated by <c>|</c>); those that do not resolve are left out.</summary>
    public static ReadField? ResolveField(Compilation compilation, ITypeSymbol root, string? paths, bool isCount)
    {
        if (paths is null)
        {
            return null;
        }

        var resolved = new List<ReadPath>();
        foreach (var path in paths.Split('|'))
        {
            if (Resolve(compilation, root, path, isCount, out _) is { } read)
            {
                resolved.Add(read);
            }
        }

        return resolved.Count == 0 ? null : new ReadField(resolved.ToEquatableArray());
    }

    /// <summary>Resolves one path, or says why it does not resolve.</summary>
    public static ReadPath? Resolve(Compilation compilation, ITypeSymbol root, string path, bool isCount, out string? why) =>
        Resolve(compilation, root, path, isCount, convert: true, out why, out _);

    /// <summary>Resolves a path to a value used as it is (a collection of messages), with its type.</summary>
    public static ReadPath? ResolveValue(Compilation compilation, ITypeSymbol root, string path, out ITypeSymbol? type) =>
        Resolve(compilation, root, path, isCount: false, convert: false, out _, out type);

    private static ReadPath? Resolve(Compilation compilation, ITypeSymbol root, string path, bool isCount, bool convert, out string? why, out ITypeSymbol? type)
    {
        type = null;
        var steps = new List<ReadStep>();
        var current = root;
        var mayBeNull = false; // the root is never null: the runtime reads non-null results only
        foreach (var segment in ResponsePath.Parse(path))
        {
            var owner = Unwrap(current);
            switch (segment.Kind)
            {
                case ResponsePath.SegmentKind.Member:
                    if (FindMember(owner, segment.Name) is not { } member)
                    {
                        why = TypeAndBases(owner).SelectMany(t => t.GetMembers(segment.Name)).Any(IsObsoleteOrExperimental)
                            ? $"'{owner.ToDisplayString()}.{segment.Name}' is obsolete or experimental (reading it would put a diagnostic in generated code)"
                            : $"'{owner.ToDisplayString()}' has no readable instance property or field '{segment.Name}'";
                        return null;
                    }

                    steps.Add(new ReadStep(ReadStepKind.Member, Escape(member.Name), mayBeNull));
                    current = MemberType(member);
                    mayBeNull = MayBeNull(current);
                    break;

                case ResponsePath.SegmentKind.Method:
                    if (FindMethod(owner, segment.Name, parameters: 0) is not { } method)
                    {
                        why = $"'{owner.ToDisplayString()}' has no public parameterless method '{segment.Name}'";
                        return null;
                    }

                    steps.Add(new ReadStep(ReadStepKind.Method, Escape(method.Name), mayBeNull));
                    current = method.ReturnType;
                    mayBeNull = MayBeNull(current);
                    break;

                case ResponsePath.SegmentKind.Pick:
                    if (FindMethod(owner, segment.Name, parameters: 1) is not { } pick || pick.Parameters[0].RefKind != RefKind.Out)
                    {
                        why = $"'{owner.ToDisplayString()}' has no variant method '{segment.Name}(out ...)'";
                        return null;
                    }

                    steps.Add(new ReadStep(ReadStepKind.Pick, Escape(pick.Name), false, isCount ? "long?" : "string?"));
                    current = pick.Parameters[0].Type;
                    mayBeNull = MayBeNull(current);
                    break;

                case ResponsePath.SegmentKind.As:
                    if (compilation.GetTypeByMetadataName(segment.Name) is not { IsReferenceType: true } derived || !Converts(derived, owner))
                    {
                        why = $"'{segment.Name}' is not a class derived from '{owner.ToDisplayString()}'";
                        return null;
                    }

                    steps.Add(new ReadStep(ReadStepKind.As, derived.ToDisplayString(TypeFormat), false));
                    current = derived;
                    mayBeNull = true;
                    break;

                case ResponsePath.SegmentKind.Each:
                    if (ElementType(owner) is not { } element)
                    {
                        why = $"'{owner.ToDisplayString()}' is not a collection";
                        return null;
                    }

                    steps.Add(new ReadStep(ReadStepKind.Each, "First", false));
                    current = element;
                    mayBeNull = false; // the helpers skip null items
                    break;
            }
        }

        if (steps.Count == 0)
        {
            why = "the path is empty";
            return null;
        }

        if (!convert)
        {
            why = null;
            type = current;
            return new ReadPath(steps.ToEquatableArray(), ReadConversion.None);
        }

        var value = Unwrap(current);
        if (isCount)
        {
            why = IsCount(value) ? null : $"it is of type '{current.ToDisplayString()}', not an integer count";
            return why is null ? new ReadPath(steps.ToEquatableArray(), ReadConversion.None) : null;
        }

        why = null;
        if (value.SpecialType == SpecialType.System_String)
        {
            return new ReadPath(steps.ToEquatableArray(), ReadConversion.None);
        }

        if (value.TypeKind == TypeKind.Enum)
        {
            return new ReadPath(steps.ToEquatableArray(), ReadConversion.EnumName);
        }

        // Enum-like SDK values (Anthropic's ApiEnum) give their plain string through Raw(); ToString() would give JSON.
        if (FindMethod(value, "Raw", parameters: 0) is { ReturnType.SpecialType: SpecialType.System_String } raw)
        {
            steps.Add(new ReadStep(ReadStepKind.Method, raw.Name, mayBeNull));
            return new ReadPath(steps.ToEquatableArray(), ReadConversion.None);
        }

        steps.Add(new ReadStep(ReadStepKind.Method, "ToString", mayBeNull));
        return new ReadPath(steps.ToEquatableArray(), ReadConversion.PlainString);
    }

    /// <summary>The item type of a collection (its <c>IEnumerable&lt;T&gt;</c>), or null.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        var self = type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T ? named : null;
        return (self ?? type.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))?.TypeArguments[0];
    }

    public static ISymbol? FindMember(ITypeSymbol type, string name, Func<ITypeSymbol, bool>? filter = null)
    {
        foreach (var candidate in TypeAndBases(type).SelectMany(t => t.GetMembers(name)))
        {
            if (IsReadableInstance(candidate) && (filter is null || filter(MemberType(candidate))))
            {
                return candidate;
            }
        }

        return null;
    }

    public static ITypeSymbol MemberType(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => throw new ArgumentException("not a property or field", nameof(member)),
    };

    public static bool IsCount(ITypeSymbol type) => Unwrap(type).SpecialType is
        SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_Int16 or SpecialType.System_UInt16;

    public static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol named ? named.TypeArguments[0] : type;

    private static IMethodSymbol? FindMethod(ITypeSymbol type, string name, int parameters) =>
        TypeAndBases(type).SelectMany(t => t.GetMembers(name)).OfType<IMethodSymbol>().FirstOrDefault(m =>
            !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == parameters && m.TypeParameters.Length == 0 && !m.ReturnsVoid);

    private static IEnumerable<ITypeSymbol> TypeAndBases(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            yield return @interface;
        }
    }

    private static bool IsReadableInstance(ISymbol member) => !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public && !IsObsoleteOrExperimental(member) && member switch
    {
        IPropertySymbol property => property.GetMethod is not null && !property.IsIndexer && !property.ReturnsByRef && !property.ReturnsByRefReadonly,
        IFieldSymbol => true,
        _ => false,
    };

    /// <summary>Reading such a member would put a warning (or, for an experimental one, an error) in generated code.</summary>
    private static bool IsObsoleteOrExperimental(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass is { Name: "ObsoleteAttribute" or "ExperimentalAttribute" });

    private static bool MayBeNull(ITypeSymbol type) => type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    private static bool Converts(ITypeSymbol derived, ITypeSymbol baseType) =>
        TypeAndBases(derived).Any(t => SymbolEqualityComparer.Default.Equals(t, baseType));

    private static string Escape(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
