using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Common;
using Tracentic.Generators.Diagnostics;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    /// <summary>
    /// Token usage and model discovery on an LLM call's result, at compile time: the reads become plain property
    /// accesses in the generated code.
    /// </summary>
    internal static partial class Parser
    {
        private static readonly string[] UsageMembers = { "Usage", "UsageMetadata", "TokenUsage" };
        private static readonly string[] InputMembers = { "InputTokenCount", "InputTokens", "PromptTokens", "PromptTokenCount" };
        private static readonly string[] OutputMembers = { "OutputTokenCount", "OutputTokens", "CompletionTokens", "CandidatesTokenCount" };
        private static readonly string[] ModelMembers = { "Model", "ModelId" };

        private static UsageSpec? BuildUsage(
            IMethodSymbol method, TracedMethod traced, TracenticSymbols known, ITypeSymbol? resultType, ReturnKind returnKind,
            string? inputPath, string? outputPath, string? modelPath, LocationInfo? here, List<DiagnosticInfo> diagnostics, out bool failed)
        {
            failed = false;
            var failure = false;
            if (resultType is null)
            {
                return null; // Task, ValueTask, void: nothing to read
            }

            // ClientResult<T> wraps the response: read through .Value.
            var root = Root;
            var type = resultType;
            if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.ClientResultOfT))
            {
                root = Root.Then("Value", nullConditional: false);
                type = named.TypeArguments[0];
            }

            MemberPath? input, output, model;
            var attributeLocation = LocationInfo.From(traced.Llm!.ApplicationSyntaxReference?.GetSyntax()) ?? here;
            if (inputPath is not null || outputPath is not null || modelPath is not null)
            {
                input = ResolveOverride("InputTokens", inputPath, isCount: true);
                output = ResolveOverride("OutputTokens", outputPath, isCount: true);
                model = ResolveOverride("ResponseModel", modelPath, isCount: false);
                if (failure)
                {
                    failed = true;
                    return null;
                }
            }
            else
            {
                input = output = model = null;
            }

            string? contentsMember = null, contentType = null;
            if (inputPath is null && outputPath is null)
            {
                (input, output) = Discover(root, type);
                if (input is null && output is null && root.Steps.IsEmpty && DiscoverInContents(type, known) is { } inContents)
                {
                    (contentsMember, contentType, input, output) = inContents;
                }

                if (input is null && output is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.NoUsagePath, attributeLocation, type.ToDisplayString(), TracedMethod.DisplayName(traced.Definition)));
                }
            }

            if (modelPath is null)
            {
                model = FindMember(type, ModelMembers) is { } member ? Access(root, type, member, isCount: false) : null;
            }

            return input is null && output is null && model is null ? null : new UsageSpec(input, output, model, contentsMember, contentType);

            MemberPath? ResolveOverride(string property, string? path, bool isCount)
            {
                if (path is null)
                {
                    return null;
                }

                var expression = root;
                var current = type;
                var segments = path.Split('.');
                for (var i = 0; i < segments.Length; i++)
                {
                    var member = FindMember(current, new[] { segments[i].Trim() });
                    if (member is null)
                    {
                        Fail($"'{current.ToDisplayString()}' has no readable instance property or field '{segments[i].Trim()}'");
                        return null;
                    }

                    expression = Access(expression, current, member, isCount && i == segments.Length - 1, last: i == segments.Length - 1, chained: i > 0);
                    current = MemberType(member);
                }

                if (isCount && !IsCount(current))
                {
                    Fail($"it is of type '{current.ToDisplayString()}', not an integer count");
                    return null;
                }

                return expression;

                void Fail(string why)
                {
                    failure = true;
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticIds.InvalidMemberPath, attributeLocation, property, path, isCount ? "integer" : "model", type.ToDisplayString(), why));
                }
            }
        }

        /// <summary>
        /// Usage carried as an item of a <c>Contents</c> collection, as Microsoft.Extensions.AI streams do
        /// (<c>ChatResponseUpdate.Contents</c> holding a <c>UsageContent</c> with <c>Details</c>). Reads are over <c>u</c>.
        /// </summary>
        private static (string Member, string ContentType, MemberPath? Input, MemberPath? Output)? DiscoverInContents(ITypeSymbol type, TracenticSymbols known)
        {
            if (known.UsageContent is not { } usageContent || FindMember(type, new[] { "Contents" }) is not { } contents)
            {
                return null;
            }

            var element = MemberType(contents).AllInterfaces
                .Concat(MemberType(contents) is INamedTypeSymbol self ? new[] { self } : Array.Empty<INamedTypeSymbol>())
                .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
            var derives = false;
            for (var current = (ITypeSymbol?)usageContent; current is not null && element is not null; current = current.BaseType)
            {
                derives |= SymbolEqualityComparer.Default.Equals(current, element);
            }

            if (!derives || FindMember(usageContent, new[] { "Details" }) is not { } details)
            {
                return null;
            }

            var detailsType = MemberType(details);
            var input = FindMember(detailsType, InputMembers, IsCount);
            var output = FindMember(detailsType, OutputMembers, IsCount);
            if (input is null && output is null)
            {
                return null;
            }

            var detailsRead = Access(Root, usageContent, details, isCount: false, last: false);
            return (
                contents.Name,
                usageContent.ToDisplayString(TypeFormat),
                input is null ? null : Access(detailsRead, detailsType, input, isCount: true, chained: true),
                output is null ? null : Access(detailsRead, detailsType, output, isCount: true, chained: true));
        }

        private static (MemberPath? Input, MemberPath? Output) Discover(MemberPath root, ITypeSymbol type)
        {
            foreach (var name in UsageMembers)
            {
                if (FindMember(type, new[] { name }) is { } usageMember)
                {
                    var usageType = Unwrap(MemberType(usageMember));
                    var input = FindMember(usageType, InputMembers, IsCount);
                    var output = FindMember(usageType, OutputMembers, IsCount);
                    if (input is not null || output is not null)
                    {
                        var usage = Access(root, type, usageMember, isCount: false, last: false);
                        return (
                            input is null ? null : Access(usage, usageType, input, isCount: true, chained: true),
                            output is null ? null : Access(usage, usageType, output, isCount: true, chained: true));
                    }
                }
            }

            // The type itself may carry the counts.
            var ownInput = FindMember(type, InputMembers, IsCount);
            var ownOutput = FindMember(type, OutputMembers, IsCount);
            return (
                ownInput is null ? null : Access(root, type, ownInput, isCount: true),
                ownOutput is null ? null : Access(root, type, ownOutput, isCount: true));
        }

        /// <summary>The result itself: the start of every path.</summary>
        private static readonly MemberPath Root = new(EquatableArray<MemberStep>.Empty, ValueConversion.None);

        /// <summary>
        /// <c>owner.Member</c>, null-conditional when the owner may be null, converted to text for a model that is
        /// not already a string (every integer count converts to <c>long?</c> implicitly).
        /// </summary>
        private static MemberPath Access(MemberPath owner, ITypeSymbol ownerType, ISymbol member, bool isCount, bool last = true, bool chained = false)
        {
            var mayBeNull = chained && (ownerType.IsReferenceType || IsNullableValue(ownerType));
            var path = owner.Then(member.Name, mayBeNull);
            var type = MemberType(member);
            if (!last || isCount || type.SpecialType == SpecialType.System_String)
            {
                return path;
            }

            return path with
            {
                Conversion = type.IsReferenceType || IsNullableValue(type) || mayBeNull || path.Steps.Any(s => s.NullConditional)
                    ? ValueConversion.ToTextIfNotNull
                    : ValueConversion.ToText,
            };
        }

        private static ISymbol? FindMember(ITypeSymbol type, string[] names, Func<ITypeSymbol, bool>? typeFilter = null)
        {
            foreach (var name in names)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(name))
                    {
                        if (IsReadableInstance(member) && (typeFilter is null || typeFilter(MemberType(member))))
                        {
                            return member;
                        }
                    }
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    foreach (var member in @interface.GetMembers(name))
                    {
                        if (IsReadableInstance(member) && (typeFilter is null || typeFilter(MemberType(member))))
                        {
                            return member;
                        }
                    }
                }
            }

            return null;
        }

        private static bool IsReadableInstance(ISymbol member) => !member.IsStatic && member.DeclaredAccessibility == Accessibility.Public && member switch
        {
            IPropertySymbol property => property.GetMethod is not null && !property.IsIndexer,
            IFieldSymbol => true,
            _ => false,
        };

        private static ITypeSymbol MemberType(ISymbol member) => member switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            _ => throw new ArgumentException("not a property or field", nameof(member)),
        };

        private static bool IsCount(ITypeSymbol type) => Unwrap(type).SpecialType is
            SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_Int16 or SpecialType.System_UInt16;

        private static bool IsNullableValue(ITypeSymbol type) => type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        private static ITypeSymbol Unwrap(ITypeSymbol type) =>
            IsNullableValue(type) && type is INamedTypeSymbol named ? named.TypeArguments[0] : type;
    }
}

