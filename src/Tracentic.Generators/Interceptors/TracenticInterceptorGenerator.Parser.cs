using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Common;
using Tracentic.Generators.Diagnostics;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    /// <summary>
    /// Turns a call into plain data: the only code here that touches symbols. Which calls are wrapped is decided by
    /// <see cref="CallClassifier"/>, the same rules the analyzer reports from; a call it rejects yields nothing here.
    /// </summary>
    internal static partial class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>One call named like an annotated method, bound: its interceptor's model, a fault, or null when it is not wrapped.</summary>
        public static CallSiteResult? Parse(SemanticModel model, InvocationExpressionSyntax invocation, TracenticSymbols symbols, CancellationToken cancellationToken)
        {
            try
            {
                // A call named like a traced method may still call something else: bind it and check its attributes first.
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol target
                    || TracedMethod.Find(target, symbols) is not { } traced
                    || !CallClassifier.Classify(invocation, traced, model, symbols, cancellationToken).CanWrap)
                {
                    return null;
                }

                // What is known about the method is the same at every call: worked out once per compilation.
                var method = s_methods.GetValue(traced.Definition, _ => new MethodBox(BuildMethod(traced, symbols))).Method;
                var interceptable = model.GetInterceptableLocation(invocation, cancellationToken);
                if (method is null || interceptable is null)
                {
                    return null;
                }

                var name = invocation.Expression is MemberAccessExpressionSyntax access ? access.Name
                    : invocation.Expression is MemberBindingExpressionSyntax binding ? binding.Name
                    : invocation.Expression;
                var position = name.GetLocation().GetLineSpan().StartLinePosition;
                var (function, qualifiedFunction) = CallingFunction(model, invocation, cancellationToken);
                var location = new CallLocationSpec(
                    interceptable.Version, interceptable.Data, invocation.SyntaxTree.FilePath, position.Line + 1, position.Character + 1,
                    function, qualifiedFunction);
                return new CallSiteResult(new CallSiteSpec(method, location), null);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never fail the build: report the fault on the node and leave the call alone.
                return new CallSiteResult(null, Fault(invocation, ex));
            }
        }

        /// <summary>The diagnostic for a fault in the generator itself: the call is left as written.</summary>
        internal static DiagnosticInfo Fault(SyntaxNode node, Exception exception) =>
            DiagnosticInfo.Create(DiagnosticIds.GeneratorFault, LocationInfo.From(node), $"{exception.GetType().Name}: {exception.Message}");

        private static readonly ConditionalWeakTable<Compilation, SymbolsBox> s_symbols = new();

        /// <summary>
        /// Method models of the current compilation, keyed by symbol: a method with thousands of call sites is analysed
        /// once. Symbols belong to one compilation, so entries never go stale, and the table keeps nothing alive.
        /// </summary>
        private static readonly ConditionalWeakTable<IMethodSymbol, MethodBox> s_methods = new();

        private sealed class SymbolsBox(TracenticSymbols? symbols)
        {
            public TracenticSymbols? Symbols { get; } = symbols;
        }

        private sealed class MethodBox(MethodSpec? method)
        {
            public MethodSpec? Method { get; } = method;
        }

        /// <summary>
        /// The member whose body makes the call (lambdas and local functions count as their member): <c>Type.Member</c>
        /// (the ingest's <c>code.function</c>) and <c>Namespace.Type.Member</c> (the conventions' <c>code.function.name</c>).
        /// </summary>
        private static (string Function, string QualifiedFunction) CallingFunction(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
        {
            var symbol = model.GetEnclosingSymbol(call.SpanStart, cancellationToken);
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            var member = symbol switch
            {
                IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => "Main",
                IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
                _ => symbol?.Name ?? "",
            };
            var type = symbol switch
            {
                IMethodSymbol { AssociatedSymbol: { } property } => property.ContainingType,
                _ => symbol?.ContainingType,
            };
            if (symbol is null || type is null)
            {
                return (member, member);
            }

            var function = symbol is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } ? member : $"{type.Name}.{member}";
            return (function, $"{type.ToDisplayString(QualifiedTypeFormat)}.{member}");
        }

        /// <summary><c>Namespace.Outer.Type</c>: no <c>global::</c>, no type arguments (a function's name, not a type's use).</summary>
        private static readonly SymbolDisplayFormat QualifiedTypeFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

        /// <summary>The model of a traced method, or null when its attribute paths are invalid (the analyzer reports TRC107).</summary>
        private static MethodSpec? BuildMethod(TracedMethod traced, TracenticSymbols symbols)
        {
            var method = CallClassifier.Implementation(traced.Definition);
            var containing = method.ContainingType;
            var isBlockMember = !SymbolEqualityComparer.Default.Equals(method, traced.Definition);
            var receiver = method.IsExtensionMethod || (isBlockMember && !traced.Definition.IsStatic) ? ReceiverKind.Extension
                : method.IsStatic ? ReceiverKind.Static
                : containing.IsValueType ? (method.IsReadOnly || containing.IsReadOnly ? ReceiverKind.InstanceIn : ReceiverKind.InstanceRef)
                : ReceiverKind.Instance;

            var typeTypeParameters = CallClassifier.AllTypeParameters(containing).ToList();
            var names = TypeParameterNames(typeTypeParameters.Concat(method.TypeParameters), method.Parameters.Select(p => p.Name));
            var (returnKind, resultType) = Classify(method.ReturnType, symbols);

            ScopeSpec? scope = null;
            if (traced.Scope is { } scopeAttribute)
            {
                var explicitName = scopeAttribute.ConstructorArguments.Length == 1 ? scopeAttribute.ConstructorArguments[0].Value as string : null;
                scope = new ScopeSpec(string.IsNullOrWhiteSpace(explicitName) ? TracedMethod.DisplayName(traced.Definition) : explicitName!);
            }

            LlmSpec? llm = null;
            if (traced.Llm is { } llmAttribute)
            {
                var diagnostics = new List<DiagnosticInfo>();
                var usage = ReadUsage(method, traced, symbols, resultType, returnKind, diagnostics);
                if (diagnostics.Any(d => d.Id == DiagnosticIds.InvalidMemberPath))
                {
                    return null;
                }

                var operationType = llmAttribute.NamedArguments.Any(a => a.Key == "OperationType") ? Named(llmAttribute, "OperationType") : "chat";
                var parameters = method.Parameters.Select(p => BuildParameter(p, traced, names, symbols.Compilation)).ToList();
                var hasModelArgument = parameters.Any(p => p.Capture == CaptureKind.Model);
                llm = new LlmSpec(
                    Named(llmAttribute, "Provider"), Named(llmAttribute, "Model"), operationType, usage,
                    hasModelArgument ? null : RequestModel(symbols.Compilation, method),
                    InputMessages(symbols.Compilation, method) ?? PlainPrompt(method, parameters),
                    RequestParameters(symbols.Compilation, method),
                    Instructions(symbols.Compilation, method));
            }

            return new MethodSpec
            {
                ContainingType = Render(containing, names),
                MethodName = method.Name,
                DisplayName = TracedMethod.DisplayName(traced.Definition),
                Receiver = receiver,
                ReturnKind = returnKind,
                ReturnType = method.ReturnsVoid ? "void" : Render(method.ReturnType, names),
                ResultType = resultType is null ? null : Render(resultType, names),
                Parameters = method.Parameters.Select(p => BuildParameter(p, traced, names, symbols.Compilation)).ToEquatableArray(),
                TypeTypeParameters = typeTypeParameters.Select(p => BuildTypeParameter(p, names, symbols.Compilation)).ToEquatableArray(),
                MethodTypeParameters = method.TypeParameters.Select(p => BuildTypeParameter(p, names, symbols.Compilation)).ToEquatableArray(),
                UsesAccessor = !symbols.Compilation.IsSymbolAccessibleWithin(method, symbols.Compilation.Assembly),
                ReceiverIsValueType = containing.IsValueType,
                IsUnsafe = method.Parameters.Any(p => IsUnsafe(p.Type)) || IsUnsafe(method.ReturnType),
                SuppressedWarnings = SuppressedWarnings(method).ToEquatableArray(),
                MethodAttributes = MethodAttributes(method, symbols.Compilation),
                ReturnAttributes = ReturnAttributes(method, symbols.Compilation),
                ReceiverAttributes = ReceiverAttributes(method, symbols.Compilation),
                Scope = scope,
                Llm = llm,
            };
        }

        /// <summary>What is wrong with how an LLM method's usage is read (TRC106, TRC107), for the analyzer to report.</summary>
        internal static List<DiagnosticInfo> UsageDiagnostics(TracedMethod traced, TracenticSymbols symbols)
        {
            var diagnostics = new List<DiagnosticInfo>();
            if (traced.Llm is not null)
            {
                var method = CallClassifier.Implementation(traced.Definition);
                var (returnKind, resultType) = Classify(method.ReturnType, symbols);
                ReadUsage(method, traced, symbols, resultType, returnKind, diagnostics);
            }

            return diagnostics;
        }

        private static ResponseReadSpec? ReadUsage(IMethodSymbol method, TracedMethod traced, TracenticSymbols symbols, ITypeSymbol? resultType, ReturnKind returnKind, List<DiagnosticInfo> diagnostics)
        {
            // Reading usage from a ref-like result (a type parameter that allows ref structs) would need a generic
            // call the runtime cannot make: such results are recorded without usage.
            if (resultType is null or ITypeParameterSymbol { AllowsRefLikeType: true })
            {
                return null;
            }

            var attribute = traced.Llm!;
            return BuildUsage(method, traced, symbols, resultType, returnKind,
                Named(attribute, "InputTokens"), Named(attribute, "OutputTokens"), Named(attribute, "ResponseModel"), null, diagnostics, out _);
        }

        private static string? Named(AttributeData attribute, string key)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == key)
                {
                    return argument.Value.Value as string;
                }
            }

            return null;
        }

        /// <summary>
        /// Names for the interceptor's type parameters (the type's, then the method's): the declared ones, with a
        /// number added where two would clash with each other or with a parameter.
        /// </summary>
        private static Dictionary<ITypeParameterSymbol, string> TypeParameterNames(IEnumerable<ITypeParameterSymbol> typeParameters, IEnumerable<string> parameterNames)
        {
            var all = typeParameters.ToList();
            var taken = new HashSet<string>(parameterNames, StringComparer.Ordinal);
            var names = new Dictionary<ITypeParameterSymbol, string>(SymbolEqualityComparer.Default);
            for (var i = 0; i < all.Count; i++)
            {
                var name = all[i].Name;
                var later = all.Skip(i + 1).Select(t => t.Name).ToList();
                for (var n = 1; taken.Contains(name) || (name != all[i].Name && later.Contains(name)); n++)
                {
                    name = all[i].Name + n.ToString(CultureInfo.InvariantCulture);
                }

                taken.Add(name);
                names[all[i]] = name;
            }

            return names;
        }

        /// <summary>A fully qualified type name, with type parameters under their interceptor names.</summary>
        private static string Render(ITypeSymbol type, IReadOnlyDictionary<ITypeParameterSymbol, string> names)
        {
            var text = new StringBuilder();
            foreach (var part in type.ToDisplayParts(TypeFormat))
            {
                text.Append(part.Kind == SymbolDisplayPartKind.TypeParameterName && part.Symbol is ITypeParameterSymbol parameter && names.TryGetValue(parameter, out var name)
                    ? EscapeIdentifier(name)
                    : part.ToString());
            }

            return text.ToString();
        }

        private static (ReturnKind Kind, ITypeSymbol? Result) Classify(ITypeSymbol returnType, TracenticSymbols symbols)
        {
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                return (ReturnKind.Void, null);
            }

            if (returnType is INamedTypeSymbol named)
            {
                var definition = named.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(named, symbols.Task))
                {
                    return (ReturnKind.Task, null);
                }

                if (SymbolEqualityComparer.Default.Equals(named, symbols.ValueTask))
                {
                    return (ReturnKind.ValueTask, null);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, symbols.TaskOfT))
                {
                    return (ReturnKind.TaskOfT, named.TypeArguments[0]);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, symbols.ValueTaskOfT))
                {
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, symbols.AsyncEnumerable))
                {
                    return (ReturnKind.AsyncEnumerable, named.TypeArguments[0]);
                }

                // Streams of provider SDKs: observed as streams, returned as the same type (which needs .NET 9's generic [UnsafeAccessor]).
                if (symbols.HasGenericUnsafeAccessor && SymbolEqualityComparer.Default.Equals(definition, symbols.AsyncCollectionResult))
                {
                    return (ReturnKind.AsyncCollectionResult, named.TypeArguments[0]);
                }

                if (symbols.HasGenericUnsafeAccessor && SymbolEqualityComparer.Default.Equals(definition, symbols.CollectionResult))
                {
                    return (ReturnKind.CollectionResult, named.TypeArguments[0]);
                }

                if (definition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && IsKnownStreamUpdate(named.TypeArguments[0]))
                {
                    return (ReturnKind.Enumerable, named.TypeArguments[0]);
                }
            }

            return (ReturnKind.Value, returnType);
        }

        private static ParameterSpec BuildParameter(IParameterSymbol parameter, TracedMethod traced, IReadOnlyDictionary<ITypeParameterSymbol, string> names, Compilation compilation)
        {
            // Parameter attributes are read from the declaration that carries the method attribute (an extension
            // block member has one parameter fewer than its implementation: the receiver).
            var ordinal = parameter.Ordinal - (parameter.ContainingSymbol is IMethodSymbol owner ? owner.Parameters.Length - traced.Annotated.Parameters.Length : 0);
            var annotated = ordinal >= 0 && ordinal < traced.Annotated.Parameters.Length ? traced.Annotated.Parameters[ordinal] : parameter;
            var capture = CaptureKind.None;
            string? key = null;
            foreach (var attribute in annotated.GetAttributes().Concat(parameter.GetAttributes()))
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case TypeNames.AttributeAttribute:
                        capture = CaptureKind.Attribute;
                        key = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                        key = string.IsNullOrWhiteSpace(key) ? parameter.Name : key;
                        break;
                    case TypeNames.CorrelationIdAttribute:
                        capture = CaptureKind.CorrelationId;
                        break;
                    case TypeNames.ParentScopeIdAttribute:
                        capture = CaptureKind.ParentScopeId;
                        break;
                    case TypeNames.ModelAttribute:
                        capture = CaptureKind.Model;
                        break;
                }

                if (capture != CaptureKind.None)
                {
                    break;
                }
            }

            // An out argument has no value before the call; ref structs and pointers cannot be handed to a generic capture.
            if (parameter.RefKind == RefKind.Out || !Capturable(parameter.Type))
            {
                capture = CaptureKind.None;
            }

            var refKind = parameter.RefKind switch
            {
                RefKind.Ref => ParameterRefKind.Ref,
                RefKind.Out => ParameterRefKind.Out,
                RefKind.In => ParameterRefKind.In,
                (RefKind)4 => ParameterRefKind.RefReadOnly, // RefKind.RefReadOnlyParameter
                _ => ParameterRefKind.None,
            };

            return new ParameterSpec(
                parameter.Name,
                Render(parameter.Type, names),
                refKind,
                parameter.IsParams,
                IsScoped: parameter.ScopedKind != ScopedKind.None,
                capture,
                key,
                parameter.Type.TypeKind == TypeKind.Dynamic,
                ParameterAttributes(parameter, compilation));
        }

        private static bool Capturable(ITypeSymbol type) =>
            !type.IsRefLikeType
            && type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            && !(type is ITypeParameterSymbol { AllowsRefLikeType: true });

        private static bool IsUnsafe(ITypeSymbol type) => type switch
        {
            IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
            IArrayTypeSymbol array => IsUnsafe(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(IsUnsafe),
            _ => false,
        };

        private static TypeParameterSpec BuildTypeParameter(ITypeParameterSymbol parameter, IReadOnlyDictionary<ITypeParameterSymbol, string> names, Compilation compilation)
        {
            var clauses = new List<string>();
            if (parameter.HasUnmanagedTypeConstraint)
            {
                clauses.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                clauses.Add("struct");
            }
            else if (parameter.HasReferenceTypeConstraint)
            {
                clauses.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasNotNullConstraint)
            {
                clauses.Add("notnull");
            }

            foreach (var constraint in parameter.ConstraintTypes)
            {
                clauses.Add(Render(constraint, names));
            }

            if (parameter.HasConstructorConstraint)
            {
                clauses.Add("new()");
            }

            if (parameter.AllowsRefLikeType)
            {
                clauses.Add("allows ref struct");
            }

            return new TypeParameterSpec(EscapeIdentifier(names[parameter]), clauses.ToEquatableArray(), TypeParameterAttributes(parameter, compilation));
        }

        /// <summary>
        /// The warnings that naming this method and the types of its signature raise in generated code: obsolete
        /// members (CS0612, CS0618 or their own diagnostic id) and experimental ones (their diagnostic id).
        /// </summary>
        private static IEnumerable<string> SuppressedWarnings(IMethodSymbol method)
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            var symbols = new List<ISymbol> { method };
            symbols.AddRange(CallClassifier.SignatureTypes(method));
            foreach (var symbol in symbols)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case "System.ObsoleteAttribute":
                            ids.Add("CS0612");
                            ids.Add("CS0618");
                            AddNamed(attribute, "DiagnosticId");
                            break;
                        case "System.Diagnostics.CodeAnalysis.ExperimentalAttribute":
                            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id && IsWarningId(id))
                            {
                                ids.Add(id);
                            }

                            break;
                    }
                }
            }

            return ids;

            void AddNamed(AttributeData attribute, string name)
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == name && argument.Value.Value is string id && IsWarningId(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            // Only what a #pragma can name.
            static bool IsWarningId(string id) => id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c == '_');
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
