using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors.Specs;
using Tracentic.Generators.Providers;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The <c>gen_ai.request.*</c> parameters of the first argument of a known request type
        /// (<see cref="ProviderTable.RequestParameters"/>), as the paths that resolve against the SDK version referenced
        /// and give a number, a count or a list of strings. Null when no argument is of such a type or none resolves.
        /// </summary>
        private static RequestParametersSpec? RequestParameters(Compilation compilation, IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type is not INamedTypeSymbol type || parameter.RefKind == RefKind.Out || type.IsRefLikeType)
                {
                    continue;
                }

                var metadataName = MetadataName(type.OriginalDefinition);
                if (ProviderTable.RequestParameters.FirstOrDefault(r => r.MetadataName == metadataName) is not { } entry)
                {
                    continue;
                }

                var reads = new List<RequestParameterRead>();
                Add("Temperature", entry.Temperature, RequestValueKind.Number);
                Add("MaxTokens", entry.MaxTokens, RequestValueKind.Count);
                Add("TopP", entry.TopP, RequestValueKind.Number);
                Add("TopK", entry.TopK, RequestValueKind.Count);
                Add("Seed", entry.Seed, RequestValueKind.Count);
                Add("StopSequences", entry.StopSequences, RequestValueKind.Strings);
                Add("FrequencyPenalty", entry.FrequencyPenalty, RequestValueKind.Number);
                Add("PresencePenalty", entry.PresencePenalty, RequestValueKind.Number);
                Add("ChoiceCount", entry.ChoiceCount, RequestValueKind.Count);
                Add("ConversationId", entry.ConversationId, RequestValueKind.Text);
                Add("EmbeddingDimensions", entry.EmbeddingDimensions, RequestValueKind.Count);
                var (format, cases) = OutputFormat(compilation, type, entry);
                return reads.Count == 0 && format is null ? null : new RequestParametersSpec(parameter.Name, reads.ToEquatableArray(), format, cases);

                void Add(string property, string? path, RequestValueKind kind)
                {
                    if (path is not null
                        && ReadPathResolver.ResolveValue(compilation, type, path, out var valueType) is { } read
                        && valueType is not null && KindOf(valueType) == kind)
                    {
                        reads.Add(new RequestParameterRead(property, read, kind));
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The system instructions and tools of the first argument of a known request type
        /// (<see cref="ProviderTable.Instructions"/>), for content capture; null when none resolves.
        /// </summary>
        private static InstructionsSpec? Instructions(Compilation compilation, IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type is not INamedTypeSymbol type || parameter.RefKind == RefKind.Out || type.IsRefLikeType)
                {
                    continue;
                }

                var metadataName = MetadataName(type.OriginalDefinition);
                if (ProviderTable.Instructions.FirstOrDefault(r => r.MetadataName == metadataName) is not { } entry)
                {
                    continue;
                }

                var system = ReadPathResolver.ResolveField(compilation, type, entry.SystemInstructions, isCount: false);
                ReadPath? tools = null;
                ReadField? name = null, description = null;
                if (entry.Tools is not null
                    && ReadPathResolver.ResolveValue(compilation, type, entry.Tools, out var toolsType) is { } toolsPath
                    && toolsType is not null && ReadPathResolver.ElementType(toolsType) is { } tool
                    && ReadPathResolver.ResolveField(compilation, tool, entry.ToolName, isCount: false) is { } toolName)
                {
                    tools = toolsPath;
                    name = toolName;
                    description = ReadPathResolver.ResolveField(compilation, tool, entry.ToolDescription, isCount: false);
                }

                return system is null && tools is null ? null : new InstructionsSpec(parameter.Name, system, tools, name, description);
            }

            return null;
        }

        /// <summary>
        /// A plain string prompt, for content capture when no argument is a known request or message: the method's one
        /// string parameter that is not marked (<c>[TracenticModel]</c>, <c>[TracenticAttribute]</c>...), read as one
        /// user message. Null when there is none or more than one (which would be a guess).
        /// </summary>
        private static InputMessagesSpec? PlainPrompt(IMethodSymbol method, IReadOnlyList<ParameterSpec> parameters)
        {
            string? prompt = null;
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                var parameter = method.Parameters[i];
                if (parameter.Type.SpecialType != SpecialType.System_String || parameter.RefKind is RefKind.Out or RefKind.Ref || parameters[i].Capture != CaptureKind.None)
                {
                    continue;
                }

                if (prompt is not null)
                {
                    return null;
                }

                prompt = parameter.Name;
            }

            return prompt is null ? null : new InputMessagesSpec(prompt, null, Single: true, null, null, IsPrompt: true);
        }

        /// <summary>
        /// The output format's path and the types it may be, each with its <c>gen_ai.output.type</c>: only the types
        /// the referenced SDK has, derived from the format's declared type. Null when the path or every type is missing.
        /// </summary>
        private static (ReadPath? Path, EquatableArray<OutputTypeCase> Cases) OutputFormat(Compilation compilation, INamedTypeSymbol request, KnownRequestParameters entry)
        {
            if (entry.OutputFormat is null || ReadPathResolver.ResolveValue(compilation, request, entry.OutputFormat, out var formatType) is not { } path || formatType is null)
            {
                return (null, default);
            }

            var cases = new List<OutputTypeCase>();
            foreach (var (metadataName, outputType) in entry.OutputTypes)
            {
                if (compilation.GetTypeByMetadataName(metadataName) is { } candidate && DerivesFrom(candidate, formatType))
                {
                    cases.Add(new OutputTypeCase(candidate.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), outputType));
                }
            }

            return cases.Count == 0 ? (null, default) : (path, cases.ToEquatableArray());

            static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, baseType))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>What a request parameter's type can be recorded as; null for anything else.</summary>
        private static RequestValueKind? KindOf(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return RequestValueKind.Text;
            }

            if (ReadPathResolver.IsCount(type))
            {
                return RequestValueKind.Count;
            }

            if (ReadPathResolver.Unwrap(type).SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal)
            {
                return RequestValueKind.Number;
            }

            // The shapes ProviderValues.Strings takes as they are (a type implementing both list interfaces would be ambiguous).
            var isStringList = type switch
            {
                IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String } => true,
                INamedTypeSymbol { TypeArguments: [{ SpecialType: SpecialType.System_String }] } named =>
                    named.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_IReadOnlyList_T,
                _ => false,
            };
            return isStringList ? RequestValueKind.Strings : null;
        }
    }
}
