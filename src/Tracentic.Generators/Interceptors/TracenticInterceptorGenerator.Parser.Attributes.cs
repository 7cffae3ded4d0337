using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors.Specs;
using static Tracentic.Generators.Common.CSharpText;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    internal static partial class Parser
    {
        private const string CodeAnalysis = "System.Diagnostics.CodeAnalysis.";

        // What the C# compiler reads for nullable flow and ref safety (its well-known attribute list), and what the
        // trimming and AOT analyzers (ILLink) read for data flow and requirements, grouped by where a wrapper repeats
        // it. A wrapper without them would change what the compiler or the trimmer knows about the call: warnings in
        // generated code, and in a trimmed app members the trimmer no longer keeps.
        // Not repeated, because on a wrapper they would be wrong or have no effect: [MemberNotNull(When)] names
        // members of the method's own type (the wrapper's class has none: CS8776); [EnumeratorCancellation] only acts
        // on an async iterator (CS8424 elsewhere); caller-info and [InterpolatedStringHandlerArgument] are applied at
        // the call site, which the compiler binds to the original method.
        private static readonly string[] s_parameterAttributes =
        [
            CodeAnalysis + "AllowNullAttribute",
            CodeAnalysis + "DisallowNullAttribute",
            CodeAnalysis + "MaybeNullAttribute",
            CodeAnalysis + "MaybeNullWhenAttribute",
            CodeAnalysis + "NotNullAttribute",
            CodeAnalysis + "NotNullWhenAttribute",
            CodeAnalysis + "NotNullIfNotNullAttribute",
            CodeAnalysis + "DoesNotReturnIfAttribute",
            CodeAnalysis + "UnscopedRefAttribute",
            CodeAnalysis + "DynamicallyAccessedMembersAttribute",
            CodeAnalysis + "ConstantExpectedAttribute",
        ];

        private static readonly string[] s_returnAttributes =
        [
            CodeAnalysis + "MaybeNullAttribute",
            CodeAnalysis + "NotNullAttribute",
            CodeAnalysis + "NotNullIfNotNullAttribute",
            CodeAnalysis + "DynamicallyAccessedMembersAttribute",
        ];

        private static readonly string[] s_requirementAttributes =
        [
            CodeAnalysis + "RequiresUnreferencedCodeAttribute",
            CodeAnalysis + "RequiresDynamicCodeAttribute",
            CodeAnalysis + "RequiresAssemblyFilesAttribute",
        ];

        private static readonly string[] s_methodAttributes = [CodeAnalysis + "DoesNotReturnAttribute", .. s_requirementAttributes];

        // On a method they describe 'this', which a wrapper receives as its first parameter.
        private static readonly string[] s_receiverAttributes =
        [
            CodeAnalysis + "DynamicallyAccessedMembersAttribute",
            CodeAnalysis + "UnscopedRefAttribute",
        ];

        private static readonly string[] s_typeParameterAttributes = [CodeAnalysis + "DynamicallyAccessedMembersAttribute"];

        /// <summary>The method's own attributes for the wrapper, with a static member's requirements inherited from its type.</summary>
        private static EquatableArray<AttributeSpec> MethodAttributes(IMethodSymbol method, Compilation compilation)
        {
            var own = Copied(method.GetAttributes(), s_methodAttributes, compilation);

            // [Requires...] on a class covers its static members (instance members are reached through a constructor,
            // where it is reported): a static method of such a class needs it on the wrapper too.
            if (!method.IsStatic)
            {
                return own;
            }

            var inherited = new List<AttributeSpec>(own);
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                foreach (var attribute in Copied(type.GetAttributes(), s_requirementAttributes, compilation))
                {
                    if (!inherited.Any(a => a.Type == attribute.Type))
                    {
                        inherited.Add(attribute);
                    }
                }
            }

            return inherited.ToEquatableArray();
        }

        private static EquatableArray<AttributeSpec> ReturnAttributes(IMethodSymbol method, Compilation compilation) =>
            Copied(method.GetReturnTypeAttributes(), s_returnAttributes, compilation);

        private static EquatableArray<AttributeSpec> ReceiverAttributes(IMethodSymbol method, Compilation compilation) =>
            method.IsStatic ? EquatableArray<AttributeSpec>.Empty : Copied(method.GetAttributes(), s_receiverAttributes, compilation);

        private static EquatableArray<AttributeSpec> ParameterAttributes(IParameterSymbol parameter, Compilation compilation) =>
            Copied(parameter.GetAttributes(), s_parameterAttributes, compilation);

        private static EquatableArray<AttributeSpec> TypeParameterAttributes(ITypeParameterSymbol parameter, Compilation compilation) =>
            Copied(parameter.GetAttributes(), s_typeParameterAttributes, compilation);

        /// <summary>
        /// The attributes among <paramref name="attributes"/> whose type is one of <paramref name="wanted"/> and that
        /// generated code can name unambiguously (a library's own copy of a nullable attribute is recognised by the
        /// compiler by name; the wrapper names the one this compilation sees).
        /// </summary>
        private static EquatableArray<AttributeSpec> Copied(ImmutableArray<AttributeData> attributes, string[] wanted, Compilation compilation)
        {
            if (attributes.IsEmpty)
            {
                return EquatableArray<AttributeSpec>.Empty;
            }

            List<AttributeSpec>? copied = null;
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is not { } type || Array.IndexOf(wanted, type.ToDisplayString()) < 0)
                {
                    continue;
                }

                if (Nameable(type.ToDisplayString(), compilation) && Render(attribute) is { } spec)
                {
                    (copied ??= []).Add(spec);
                }
            }

            return copied is null ? EquatableArray<AttributeSpec>.Empty : copied.ToEquatableArray();
        }

        /// <summary>Whether <c>global::</c> + the name resolves to exactly one type generated code may use.</summary>
        private static bool Nameable(string metadataName, Compilation compilation)
        {
            var candidates = compilation.GetTypesByMetadataName(metadataName)
                .Where(t => compilation.IsSymbolAccessibleWithin(t, compilation.Assembly))
                .Take(2)
                .Count();
            return candidates == 1;
        }

        private static AttributeSpec? Render(AttributeData attribute)
        {
            var arguments = new List<string>();
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (Constant(argument) is not { } text)
                {
                    return null;
                }

                arguments.Add(text);
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (Constant(named.Value) is not { } text)
                {
                    return null;
                }

                arguments.Add($"{Identifier(named.Key)} = {text}");
            }

            // Written as in source, without the suffix: the compiler finds the same type either way.
            var type = attribute.AttributeClass!.ToDisplayString(TypeFormat);
            type = type.EndsWith("Attribute", StringComparison.Ordinal) ? type.Substring(0, type.Length - "Attribute".Length) : type;
            return new AttributeSpec(type, arguments.ToEquatableArray());
        }

        /// <summary>An attribute argument as a C# constant expression, or null when it cannot be written back.</summary>
        private static string? Constant(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            if (constant.IsNull)
            {
                return "null";
            }

            switch (constant.Kind)
            {
                case TypedConstantKind.Array:
                    var items = constant.Values.Select(Constant).ToList();
                    return items.Any(i => i is null) ? null : $"new {constant.Type!.ToDisplayString(TypeFormat)} {{ {string.Join(", ", items)} }}";
                case TypedConstantKind.Type:
                    return constant.Value is ITypeSymbol { TypeKind: not TypeKind.TypeParameter } type ? $"typeof({type.ToDisplayString(TypeFormat)})" : null;
                case TypedConstantKind.Enum:
                    return EnumConstant((INamedTypeSymbol)constant.Type!, constant.Value!);
                default:
                    return Primitive(constant.Value!);
            }
        }

        /// <summary>An enum value by its member names (<c>A | B</c> for flags), or a cast when no names add up to it.</summary>
        private static string EnumConstant(INamedTypeSymbol type, object value)
        {
            var typeName = type.ToDisplayString(TypeFormat);
            var bits = Bits(value);
            var members = type.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.HasConstantValue && f.ConstantValue is not null)
                .Select(f => (f.Name, Bits: Bits(f.ConstantValue!)))
                .ToList();

            if (members.FirstOrDefault(m => m.Bits == bits) is { Name: not null } exact)
            {
                return $"{typeName}.{Identifier(exact.Name)}";
            }

            // Largest flags first, so a combination is written with the fewest names.
            var rest = bits;
            var names = new List<string>();
            foreach (var member in members.Where(m => m.Bits != 0).OrderByDescending(m => CountBits(m.Bits)))
            {
                if ((rest & member.Bits) == member.Bits && (bits & member.Bits) == member.Bits)
                {
                    names.Add($"{typeName}.{Identifier(member.Name)}");
                    rest &= ~member.Bits;
                }
            }

            return rest == 0 && names.Count > 0
                ? string.Join(" | ", names)
                : $"({typeName})({Primitive(value)})";

            static ulong Bits(object v) => v switch
            {
                ulong u => u,
                uint u => u,
                ushort u => u,
                byte u => u,
                _ => unchecked((ulong)Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            };

            static int CountBits(ulong v)
            {
                var count = 0;
                for (; v != 0; v &= v - 1)
                {
                    count++;
                }

                return count;
            }
        }

        private static string? Primitive(object value) => value switch
        {
            string text => Literal(text),
            bool flag => flag ? "true" : "false",
            char c => $"(char){((int)c).ToString(CultureInfo.InvariantCulture)}",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            short s => $"(short){s.ToString(CultureInfo.InvariantCulture)}",
            ushort s => $"(ushort){s.ToString(CultureInfo.InvariantCulture)}",
            byte b => $"(byte){b.ToString(CultureInfo.InvariantCulture)}",
            sbyte b => $"(sbyte){b.ToString(CultureInfo.InvariantCulture)}",
            double d => FloatingPoint(d, "D"),
            float f => FloatingPoint(f, "F"),
            _ => null,
        };

        private static string? FloatingPoint(double value, string suffix) =>
            double.IsNaN(value) || double.IsInfinity(value) ? null : value.ToString("R", CultureInfo.InvariantCulture) + suffix;
    }
}
