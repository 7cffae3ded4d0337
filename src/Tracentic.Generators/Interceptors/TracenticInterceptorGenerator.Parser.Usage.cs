using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Common;
using Tracentic.Generators.Diagnostics;
using Tracentic.Generators.Interceptors.Specs;
using Tracentic.Generators.Providers;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    /// <summary>
    /// What an LLM call's result tells, found at compile time: a known provider type (<see cref="ProviderTable"/>),
    /// the attribute's member paths, or members named by convention. The reads become plain member accesses in
    /// the generated code.
    /// </summary>
    internal static partial class Parser
    {
        private static readonly string[] UsageMembers = { "Usage", "UsageMetadata", "TokenUsage" };
        private static readonly string[] InputMembers = { "InputTokenCount", "InputTokens", "PromptTokens", "PromptTokenCount" };
        private static readonly string[] OutputMembers = { "OutputTokenCount", "OutputTokens", "CompletionTokens", "CandidatesTokenCount" };
        private static readonly string[] ModelMembers = { "Model", "ModelId" };

        private static ResponseReadSpec? BuildUsage(
            IMethodSymbol method, TracedMethod traced, TracenticSymbols known, ITypeSymbol? resultType, ReturnKind returnKind,
            string? inputPath, string? outputPath, string? modelPath, LocationInfo? here, List<DiagnosticInfo> diagnostics, out bool failed)
        {
            failed = false;
            if (resultType is null)
            {
                return null; // Task, ValueTask, void: nothing to read
            }

            // SDK wrappers (ClientResult<T>) are read through to their value.
            string? root = null;
            var type = resultType;
            if (type is INamedTypeSymbol { IsGenericType: true } wrapper && ProviderTable.Wrappers.TryGetValue(MetadataName(wrapper.OriginalDefinition), out var valueMember))
            {
                root = valueMember;
                type = wrapper.TypeArguments[0];
            }

            var compilation = known.Compilation;
            var attributeLocation = LocationInfo.From(traced.Llm!.ApplicationSyntaxReference?.GetSyntax()) ?? here;
            var spec = Known(compilation, type) ?? Conventional(compilation, type);
            if (inputPath is not null || outputPath is not null)
            {
                spec = new ResponseReadSpec { Model = spec.Model, FinishReason = spec.FinishReason, ResponseId = spec.ResponseId, OutputText = spec.OutputText, IsStreamUpdate = spec.IsStreamUpdate };
            }

            var failure = false;
            spec = spec with
            {
                Root = root,
                InputTokens = Override("InputTokens", inputPath, isCount: true) ?? spec.InputTokens,
                OutputTokens = Override("OutputTokens", outputPath, isCount: true) ?? spec.OutputTokens,
                Model = Override("ResponseModel", modelPath, isCount: false) ?? spec.Model,
            };
            if (failure)
            {
                failed = true;
                return null;
            }

            if (spec.InputTokens is null && spec.OutputTokens is null && inputPath is null && outputPath is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.NoUsagePath, attributeLocation, type.ToDisplayString(), TracedMethod.DisplayName(traced.Definition)));
            }

            return spec.IsEmpty ? null : spec;

            ReadField? Override(string property, string? path, bool isCount)
            {
                if (path is null)
                {
                    return null;
                }

                if (ReadPathResolver.Resolve(compilation, type, path, isCount, out var why) is { } read)
                {
                    return new ReadField(new EquatableArray<ReadPath>(new[] { read }));
                }

                failure = true;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticIds.InvalidMemberPath, attributeLocation, property, path, isCount ? "integer" : "model", type.ToDisplayString(), why ?? ""));
                return null;
            }
        }

        /// <summary>The reads of a known provider type (or of a type derived from one), from the table.</summary>
        private static ResponseReadSpec? Known(Compilation compilation, ITypeSymbol type) =>
            KnownResponseOf(type) is { } entry
                ? new ResponseReadSpec
                {
                    InputTokens = ReadPathResolver.ResolveField(compilation, type, entry.InputTokens, isCount: true),
                    OutputTokens = ReadPathResolver.ResolveField(compilation, type, entry.OutputTokens, isCount: true),
                    Model = ReadPathResolver.ResolveField(compilation, type, entry.Model, isCount: false),
                    FinishReason = ReadPathResolver.ResolveField(compilation, type, entry.FinishReason, isCount: false),
                    ResponseId = ReadPathResolver.ResolveField(compilation, type, entry.ResponseId, isCount: false),
                    OutputText = ReadPathResolver.ResolveField(compilation, type, entry.OutputText, isCount: false),
                    CacheReadTokens = ReadPathResolver.ResolveField(compilation, type, entry.CacheReadTokens, isCount: true),
                    CacheWriteTokens = ReadPathResolver.ResolveField(compilation, type, entry.CacheWriteTokens, isCount: true),
                    ReasoningTokens = ReadPathResolver.ResolveField(compilation, type, entry.ReasoningTokens, isCount: true),
                    InputAudioTokens = ReadPathResolver.ResolveField(compilation, type, entry.InputAudioTokens, isCount: true),
                    OutputAudioTokens = ReadPathResolver.ResolveField(compilation, type, entry.OutputAudioTokens, isCount: true),
                    CacheTokensSeparate = entry.CacheTokensSeparate,
                    NoOutputTokens = entry.NoOutputTokens,
                    IsStreamUpdate = entry.IsStreamUpdate,
                }
                : null;

        private static KnownResponse? KnownResponseOf(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                var name = MetadataName(current.OriginalDefinition);
                if (ProviderTable.Responses.FirstOrDefault(r => r.MetadataName == name) is { } entry)
                {
                    return entry;
                }
            }

            return null;
        }

        /// <summary>Whether the items of a stream are a provider's stream updates (so an <c>IEnumerable&lt;T&gt;</c> of them is a stream).</summary>
        private static bool IsKnownStreamUpdate(ITypeSymbol item) => KnownResponseOf(item) is { IsStreamUpdate: true };

        /// <summary>Members named by convention: a <c>Usage</c>-like member with input/output counts, and a model.</summary>
        private static ResponseReadSpec Conventional(Compilation compilation, ITypeSymbol type)
        {
            ReadField? input = null, output = null;
            foreach (var usage in UsageMembers.Append(""))
            {
                var prefix = usage.Length == 0 ? "" : usage + ".";
                input = First(InputMembers, isCount: true, prefix);
                output = First(OutputMembers, isCount: true, prefix);
                if (input is not null || output is not null)
                {
                    break;
                }
            }

            return new ResponseReadSpec { InputTokens = input, OutputTokens = output, Model = First(ModelMembers, isCount: false, "") };

            ReadField? First(string[] names, bool isCount, string prefix)
            {
                foreach (var name in names)
                {
                    if (ReadPathResolver.Resolve(compilation, type, prefix + name, isCount, out _) is { } read)
                    {
                        return new ReadField(new EquatableArray<ReadPath>(new[] { read }));
                    }
                }

                return null;
            }
        }

        /// <summary>
        /// The requested model read from the first known request argument (<c>MessageCreateParams.Model</c>,
        /// <c>ChatOptions.ModelId</c>...), or null when no argument is of a known request type.
        /// </summary>
        private static RequestModelSpec? RequestModel(Compilation compilation, IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type is not INamedTypeSymbol type || parameter.RefKind == RefKind.Out || type.IsRefLikeType)
                {
                    continue;
                }

                var metadataName = MetadataName(type.OriginalDefinition);
                if (ProviderTable.Requests.FirstOrDefault(r => r.MetadataName == metadataName) is { } entry
                    && ReadPathResolver.ResolveField(compilation, type, entry.Model, isCount: false) is { } read)
                {
                    return new RequestModelSpec(parameter.Name, read);
                }
            }

            return null;
        }

        /// <summary>
        /// The input messages of a call, for content capture: the first argument that is a known request type, or one
        /// or more known messages. Null when no argument is.
        /// </summary>
        private static InputMessagesSpec? InputMessages(Compilation compilation, IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Out || parameter.Type.IsRefLikeType || parameter.Type is not INamedTypeSymbol type)
                {
                    continue;
                }

                // A request that holds a message list.
                if (Messages(type) is { Messages: { } path } request
                    && ReadPathResolver.ResolveValue(compilation, type, path, out var listType) is { } list
                    && listType is not null && ReadPathResolver.ElementType(listType) is INamedTypeSymbol item
                    && Reads(item, Messages(item) ?? request) is { } requestReads)
                {
                    return new InputMessagesSpec(parameter.Name, list, Single: false, requestReads.Role, requestReads.Text);
                }

                // One message, or a collection of them.
                var single = Messages(type) is { Messages: null };
                if ((single ? type : ReadPathResolver.ElementType(type) as INamedTypeSymbol) is { } messageType
                    && Messages(messageType) is { Messages: null } entry && Reads(messageType, entry) is { } reads)
                {
                    return new InputMessagesSpec(parameter.Name, null, single, reads.Role, reads.Text);
                }
            }

            return null;

            static KnownMessages? Messages(INamedTypeSymbol candidate)
            {
                for (var current = candidate; current is not null; current = current.BaseType)
                {
                    var metadataName = MetadataName(current.OriginalDefinition);
                    if (ProviderTable.Messages.FirstOrDefault(m => m.MetadataName == metadataName) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            (ReadField? Role, ReadField Text)? Reads(INamedTypeSymbol item, KnownMessages entry) =>
                ReadPathResolver.ResolveField(compilation, item, entry.Text, isCount: false) is { } text
                    ? (entry.Role is null ? null : ReadPathResolver.ResolveField(compilation, item, entry.Role, isCount: false), text)
                    : null;
        }

        private static bool IsNullableValue(ITypeSymbol type) => type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        private static string MetadataName(INamedTypeSymbol type)
        {
            var containing = type.ContainingType is { } outer ? MetadataName(outer) + "+"
                : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "."
                : "";
            return containing + type.MetadataName;
        }
    }
}
