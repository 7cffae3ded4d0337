using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tracentic.Generators.Common;
using Tracentic.Generators.Diagnostics;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    /// <summary>Turns a candidate node into plain data. The only code here that touches symbols.</summary>
    internal static partial class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>Cheap syntactic filter: invocations, and method names that may be converted to delegates.</summary>
        public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
        {
            if (node is InvocationExpressionSyntax)
            {
                return true;
            }

            if (node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax))
            {
                return false;
            }

            // The name part of a member access is judged as the member access.
            if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
            {
                return false;
            }

            return node.Parent switch
            {
                InvocationExpressionSyntax invocation => invocation.Expression != node,
                ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax
                    or CastExpressionSyntax or ConditionalExpressionSyntax => true,
                AssignmentExpressionSyntax assignment => assignment.Right == node,
                BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.CoalesceExpression),
                _ => false,
            };
        }

        /// <summary>Test seam: lets a test make parsing fail, to prove a fault becomes TRC109 (thread-local, so tests stay isolated).</summary>
        [ThreadStatic]
        internal static Action<SyntaxNode>? FaultInjection;

        public static CallSiteResult? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            try
            {
                FaultInjection?.Invoke(context.Node);
                var compilation = context.SemanticModel.Compilation;
                var scopeAttribute = compilation.GetTypeByMetadataName(TypeNames.ScopeAttribute);
                var llmAttribute = compilation.GetTypeByMetadataName(TypeNames.LlmCallAttribute);
                if (scopeAttribute is null || llmAttribute is null)
                {
                    return null; // Tracentic is not referenced: nothing to do
                }

                // Most invocations call something untraced: bind the symbol and check its attributes before
                // building operations or looking up any other type.
                var model = context.SemanticModel;
                var target = model.GetSymbolInfo(context.Node, cancellationToken).Symbol as IMethodSymbol;
                if (target is null || FindTraced(target, scopeAttribute, llmAttribute) is null)
                {
                    return null;
                }

                var known = new KnownTypes(compilation, scopeAttribute, llmAttribute);
                return context.Node is InvocationExpressionSyntax invocation
                    ? ParseInvocation(invocation, target, model, known, cancellationToken)
                    : ParseMethodReference(context.Node, model, known, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never fail the build: report the fault on the node and leave the call alone.
                return CallSiteResult.Report(DiagnosticInfo.Create(
                    DiagnosticIds.GeneratorFault, LocationInfo.From(context.Node), $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        private static CallSiteResult? ParseMethodReference(SyntaxNode node, SemanticModel model, KnownTypes known, CancellationToken cancellationToken)
        {
            if (model.GetOperation(node, cancellationToken) is not IMethodReferenceOperation reference
                || FindTraced(reference.Method, known.ScopeAttribute, known.LlmAttribute) is null)
            {
                return null;
            }

            return CallSiteResult.Report(DiagnosticInfo.Create(
                DiagnosticIds.MethodGroupNotTraced, LocationInfo.From(node), DisplayName(reference.Method)));
        }

        private static CallSiteResult? ParseInvocation(InvocationExpressionSyntax invocation, IMethodSymbol target, SemanticModel model, KnownTypes known, CancellationToken cancellationToken)
        {
            if (FindTraced(target, known.ScopeAttribute, known.LlmAttribute) is not { } traced)
            {
                return null;
            }

            var name = DisplayName(target);
            var here = LocationInfo.From(invocation);
            if (IsInExpressionTree(invocation, model, known))
            {
                return CallSiteResult.Report(DiagnosticInfo.Create(DiagnosticIds.ExpressionTreeNotTraced, here, name));
            }

            if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
            {
                return CallSiteResult.Report(DiagnosticInfo.Create(DiagnosticIds.BaseCallNotTraced, here, target.Name));
            }

            // What is known about the method is the same at every call: worked out once per compilation.
            var analysis = s_methods.GetValue(traced.Definition, _ => AnalyzeMethod(traced, known, here));
            if (analysis.Skip is { } skip)
            {
                return CallSiteResult.Report(DiagnosticInfo.Create(skip.Id, here, skip.Arguments.ToArray()));
            }

            var interceptable = model.GetInterceptableLocation(invocation, cancellationToken);
            if (interceptable is null || analysis.Method is not { } method)
            {
                return analysis.Diagnostics.IsEmpty ? null : new CallSiteResult(null, analysis.Diagnostics);
            }

            var span = invocation.Expression is MemberAccessExpressionSyntax access ? access.Name.GetLocation() : invocation.Expression.GetLocation();
            var position = span.GetLineSpan().StartLinePosition;
            var location = new CallLocationSpec(
                interceptable.Version, interceptable.Data, invocation.SyntaxTree.FilePath, position.Line + 1, position.Character + 1);
            return new CallSiteResult(new CallSiteSpec(method, location), analysis.Diagnostics);
        }

        /// <summary>
        /// Method analyses of the current compilation, keyed by symbol: a method with thousands of call sites is
        /// analysed once. Symbols belong to one compilation, so entries never go stale, and the table keeps nothing alive.
        /// </summary>
        private static readonly ConditionalWeakTable<IMethodSymbol, MethodAnalysis> s_methods = new();

        private static MethodAnalysis AnalyzeMethod(Traced traced, KnownTypes known, LocationInfo? firstCall)
        {
            var name = DisplayName(traced.Definition);

            // A C# 14 extension block member is called through the static method the compiler implements it with.
            var definition = ExtensionBlockImplementation(traced.Definition) ?? traced.Definition;
            if (definition.ReturnsVoid && IsAsync(definition))
            {
                return MethodAnalysis.Skipped(DiagnosticIds.AsyncVoidNotTraced, name);
            }

            if (definition.ReturnsByRef || definition.ReturnsByRefReadonly || definition.ReturnType.IsRefLikeType)
            {
                var what = definition.ReturnType.IsRefLikeType ? $"the ref struct '{definition.ReturnType.Name}'" : "by reference";
                return MethodAnalysis.Skipped(DiagnosticIds.ByRefReturnNotTraced, name, what);
            }

            if (Unreachable(definition, known) is { } why)
            {
                return MethodAnalysis.Skipped(DiagnosticIds.UnreachableMethod, name, why);
            }

            // Diagnostics found here are about the method (reported at its attribute), not about one call.
            var diagnostics = new List<DiagnosticInfo>();
            var method = BuildMethod(definition, traced, known, firstCall, diagnostics);
            return new MethodAnalysis(method, null, diagnostics.ToEquatableArray());
        }

        /// <summary>A method's analysis: the model to wrap its calls with, or why its calls are skipped.</summary>
        private sealed record MethodAnalysis(MethodSpec? Method, (string Id, EquatableArray<string> Arguments)? Skip, EquatableArray<DiagnosticInfo> Diagnostics)
        {
            public static MethodAnalysis Skipped(string id, params string[] arguments) =>
                new(null, (id, new EquatableArray<string>(arguments)), EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>
        /// The attributes that make a call traced: on the method itself, on a virtual method it overrides, or on
        /// an interface member it implements (so direct calls of implementations are traced too).
        /// </summary>
        private static Traced? FindTraced(IMethodSymbol target, INamedTypeSymbol scopeAttribute, INamedTypeSymbol llmAttribute)
        {
            var definition = (target.ReducedFrom ?? target).OriginalDefinition;
            if (Read(definition, definition, scopeAttribute, llmAttribute) is { } own)
            {
                return own;
            }

            // An override is traced like the virtual method it overrides.
            for (var overridden = definition.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (Read(overridden.OriginalDefinition, definition, scopeAttribute, llmAttribute) is { } inheritedFromBase)
                {
                    return inheritedFromBase;
                }
            }

            if (definition.IsStatic || definition.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type)
            {
                return null;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(definition.Name).OfType<IMethodSymbol>())
                {
                    var implementation = type.FindImplementationForInterfaceMember(member);
                    if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, definition)
                        && Read(member.OriginalDefinition, definition, scopeAttribute, llmAttribute) is { } inherited)
                    {
                        return inherited;
                    }
                }
            }

            return null;
        }

        private static Traced? Read(IMethodSymbol annotated, IMethodSymbol definition, INamedTypeSymbol scopeAttribute, INamedTypeSymbol llmAttribute)
        {
            AttributeData? scope = null, llm = null;
            foreach (var attribute in annotated.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, scopeAttribute))
                {
                    scope = attribute;
                }
                else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, llmAttribute))
                {
                    llm = attribute;
                }
            }

            return scope is null && llm is null ? null : new Traced(definition, annotated, scope, llm);
        }

        /// <summary>
        /// Whether the call sits in a lambda converted to an expression tree (explicitly, or as a query clause
        /// over <c>IQueryable</c>): a query provider would see the interceptor instead of the method it translates.
        /// </summary>
        private static bool IsInExpressionTree(SyntaxNode call, SemanticModel model, KnownTypes known)
        {
            if (known.ExpressionOfT is null)
            {
                return false;
            }

            foreach (var node in call.Ancestors())
            {
                var converted = node switch
                {
                    LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => model.GetTypeInfo(node).ConvertedType,
                    QueryClauseSyntax clause => FirstParameterType(model.GetQueryClauseInfo(clause).OperationInfo.Symbol),
                    SelectOrGroupClauseSyntax clause => FirstParameterType(model.GetSymbolInfo(clause).Symbol),
                    _ => null,
                };

                if (converted is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.ExpressionOfT))
                {
                    return true;
                }
            }

            return false;

            // Query operators take the clause as their lambda parameter (after the source for extensions).
            static ITypeSymbol? FirstParameterType(ISymbol? symbol) => symbol is IMethodSymbol method
                ? method.Parameters.LastOrDefault()?.Type
                : null;
        }

        private static bool IsAsync(IMethodSymbol method)
        {
            if (method.IsAsync)
            {
                return true;
            }

            // IsAsync is only known for source; metadata keeps an AsyncStateMachine attribute.
            return method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");
        }

        /// <summary>Why generated code in another namespace cannot call the method, or null when it can.</summary>
        private static string? Unreachable(IMethodSymbol method, KnownTypes known)
        {
            var assembly = known.Compilation.Assembly;
            foreach (var type in SignatureTypes(method))
            {
                if (!known.Compilation.IsSymbolAccessibleWithin(type, assembly))
                {
                    return $"its signature uses '{type.ToDisplayString()}', which generated code cannot name; make the type internal or public";
                }
            }

            if (known.Compilation.IsSymbolAccessibleWithin(method, assembly))
            {
                return null;
            }

            if (method.ContainingType.IsStatic)
            {
                return "it is a private member of a static class, which [UnsafeAccessor] cannot reach; make it internal";
            }

            if (known.UnsafeAccessor is null)
            {
                return "it is private or protected and this target framework has no [UnsafeAccessor] (.NET 8 or later); make it internal";
            }

            if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly))
            {
                return "it is not accessible from this assembly";
            }

            var generic = method.IsGenericMethod || AllTypeParameters(method.ContainingType).Any();
            if (generic && !known.HasGenericUnsafeAccessor)
            {
                return "it is private or protected and generic, which [UnsafeAccessor] supports from .NET 9 on; target .NET 9 or later, or make it internal";
            }

            if (method.ContainingType.TypeKind == TypeKind.Interface)
            {
                return "it is a non-public interface member; make it internal or public";
            }

            return null;
        }

        private static IEnumerable<ITypeSymbol> SignatureTypes(IMethodSymbol method)
        {
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                yield return type.OriginalDefinition;
            }

            foreach (var parameter in method.Parameters)
            {
                foreach (var part in Flatten(parameter.Type))
                {
                    yield return part;
                }
            }

            foreach (var part in Flatten(method.ReturnType))
            {
                yield return part;
            }
        }

        private static IEnumerable<ITypeSymbol> Flatten(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol:
                    yield break;
                case IArrayTypeSymbol array:
                    foreach (var part in Flatten(array.ElementType))
                    {
                        yield return part;
                    }

                    yield break;
                case IPointerTypeSymbol pointer:
                    foreach (var part in Flatten(pointer.PointedAtType))
                    {
                        yield return part;
                    }

                    yield break;
                case INamedTypeSymbol named:
                    yield return named.OriginalDefinition;
                    foreach (var argument in named.TypeArguments)
                    {
                        foreach (var part in Flatten(argument))
                        {
                            yield return part;
                        }
                    }

                    yield break;
            }
        }

        /// <summary>
        /// For a member of a C# 14 <c>extension(...)</c> block, the compiler's implementation: a static method of the
        /// enclosing static class with the receiver as first parameter (none for static members). Found by shape,
        /// so this works with the Roslyn 4.14 API the generator is built against.
        /// </summary>
        private static IMethodSymbol? ExtensionBlockImplementation(IMethodSymbol member)
        {
            var block = member.ContainingType;
            if (block is null || block.CanBeReferencedByName || block.ContainingType is not { IsStatic: true } enclosing || block.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
            {
                return null;
            }

            var receiverCount = member.IsStatic ? 0 : 1;
            return enclosing.GetMembers(member.Name).OfType<IMethodSymbol>().FirstOrDefault(candidate =>
                candidate.IsStatic
                && !ReferenceEquals(candidate, member)
                && candidate.Parameters.Length == member.Parameters.Length + receiverCount
                && candidate.Arity == member.Arity + block.Arity
                && candidate.Parameters.Skip(receiverCount).Select(p => p.Name).SequenceEqual(member.Parameters.Select(p => p.Name)));
        }

        private static MethodSpec? BuildMethod(IMethodSymbol method, Traced traced, KnownTypes known, LocationInfo? here, List<DiagnosticInfo> diagnostics)
        {
            var containing = method.ContainingType;
            var isBlockMember = !SymbolEqualityComparer.Default.Equals(method, traced.Definition);
            var receiver = method.IsExtensionMethod || (isBlockMember && !traced.Definition.IsStatic) ? ReceiverKind.Extension
                : method.IsStatic ? ReceiverKind.Static
                : containing.IsValueType ? (method.IsReadOnly || containing.IsReadOnly ? ReceiverKind.InstanceIn : ReceiverKind.InstanceRef)
                : ReceiverKind.Instance;

            var (returnKind, resultType) = Classify(method.ReturnType, known);
            var parameterList = method.Parameters.Select(p => BuildParameter(p, traced, known)).ToList();
            if (traced.Llm is not null && parameterList.All(p => p.Capture != CaptureKind.Model))
            {
                // No [TracenticModel]: a known request argument (MessageCreateParams, ChatOptions...) names the model.
                for (var i = 0; i < parameterList.Count; i++)
                {
                    if (parameterList[i].Capture == CaptureKind.None && RequestModelRead(known.Compilation, method.Parameters[i], parameterList[i].Name) is { } read)
                    {
                        parameterList[i] = parameterList[i] with { Capture = CaptureKind.Model, AsString = read };
                        break;
                    }
                }
            }

            var parameters = parameterList.ToEquatableArray();

            ScopeSpec? scope = null;
            if (traced.Scope is { } scopeAttribute)
            {
                var explicitName = scopeAttribute.ConstructorArguments.Length == 1 ? scopeAttribute.ConstructorArguments[0].Value as string : null;
                scope = new ScopeSpec(string.IsNullOrWhiteSpace(explicitName) ? $"{containing.Name}.{method.Name}" : explicitName!);
            }

            LlmSpec? llm = null;
            if (traced.Llm is { } llmAttribute)
            {
                var named = llmAttribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value.Value as string);
                string? Named(string key) => named.TryGetValue(key, out var value) ? value : null;
                var operationType = named.ContainsKey("OperationType") ? Named("OperationType") : "chat";
                var usage = BuildUsage(method, traced, known, resultType, returnKind, Named("InputTokens"), Named("OutputTokens"), Named("ResponseModel"), here, diagnostics, out var failed);
                if (failed)
                {
                    return null;
                }

                llm = new LlmSpec(Named("Provider"), Named("Model"), operationType, usage, InputMessagesRead(known.Compilation, method));
            }

            var declaration = method.Locations.FirstOrDefault(l => l.IsInSource);
            var declarationLine = declaration?.GetLineSpan();
            return new MethodSpec
            {
                ContainingType = containing.ToDisplayString(TypeFormat),
                MethodName = method.Name,
                DisplayName = $"{containing.Name}.{method.Name}",
                Receiver = receiver,
                ReturnKind = returnKind,
                ReturnType = method.ReturnsVoid ? "void" : method.ReturnType.ToDisplayString(TypeFormat),
                ResultType = resultType?.ToDisplayString(TypeFormat),
                Parameters = parameters,
                TypeTypeParameters = AllTypeParameters(containing).Select(BuildTypeParameter).ToEquatableArray(),
                MethodTypeParameters = method.TypeParameters.Select(BuildTypeParameter).ToEquatableArray(),
                UsesAccessor = !known.Compilation.IsSymbolAccessibleWithin(method, known.Compilation.Assembly),
                AccessorTargetType = containing.ToDisplayString(TypeFormat),
                ReceiverIsValueType = containing.IsValueType,
                Scope = scope,
                Llm = llm,
                DeclarationPath = declarationLine?.Path,
                DeclarationLine = declarationLine is { } line ? line.StartLinePosition.Line + 1 : 0,
            };
        }

        private static (ReturnKind Kind, ITypeSymbol? Result) Classify(ITypeSymbol returnType, KnownTypes known)
        {
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                return (ReturnKind.Void, null);
            }

            if (returnType is INamedTypeSymbol named)
            {
                var definition = named.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(named, known.Task))
                {
                    return (ReturnKind.Task, null);
                }

                if (SymbolEqualityComparer.Default.Equals(named, known.ValueTask))
                {
                    return (ReturnKind.ValueTask, null);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, known.TaskOfT))
                {
                    return (ReturnKind.TaskOfT, named.TypeArguments[0]);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, known.ValueTaskOfT))
                {
                    return (ReturnKind.ValueTaskOfT, named.TypeArguments[0]);
                }

                if (SymbolEqualityComparer.Default.Equals(definition, known.AsyncEnumerable))
                {
                    return (ReturnKind.AsyncEnumerable, named.TypeArguments[0]);
                }

                // Streams of provider SDKs: traced as streams, returned as the same type (which needs .NET 9's generic [UnsafeAccessor]).
                if (known.HasGenericUnsafeAccessor && known.AsyncCollectionResult is not null && SymbolEqualityComparer.Default.Equals(definition, known.AsyncCollectionResult))
                {
                    return (ReturnKind.AsyncCollectionResult, named.TypeArguments[0]);
                }

                if (known.HasGenericUnsafeAccessor && known.CollectionResult is not null && SymbolEqualityComparer.Default.Equals(definition, known.CollectionResult))
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

        private static ParameterSpec BuildParameter(IParameterSymbol parameter, Traced traced, KnownTypes known)
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

            // An out argument has no value before the call; a ref struct cannot be boxed.
            if (parameter.RefKind == RefKind.Out || parameter.Type.IsRefLikeType)
            {
                capture = CaptureKind.None;
            }

            var refKind = parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                (RefKind)4 => "ref readonly ", // RefKind.RefReadOnlyParameter
                _ => "",
            };

            var name = EscapeIdentifier(parameter.Name);
            var asString = parameter.Type.SpecialType == SpecialType.System_String ? name
                : parameter.Type.IsValueType && !IsNullableValue(parameter.Type) ? $"{name}.ToString()"
                : $"{name}?.ToString()";
            return new ParameterSpec(name, parameter.Type.ToDisplayString(TypeFormat), refKind, asString, capture, key);
        }

        private static TypeParameterSpec BuildTypeParameter(ITypeParameterSymbol parameter)
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
                clauses.Add(constraint.ToDisplayString(TypeFormat));
            }

            if (parameter.HasConstructorConstraint)
            {
                clauses.Add("new()");
            }

            if (parameter.AllowsRefLikeType)
            {
                clauses.Add("allows ref struct");
            }

            return new TypeParameterSpec(parameter.Name, clauses.Count == 0 ? null : string.Join(", ", clauses));
        }

        private static IEnumerable<ITypeParameterSymbol> AllTypeParameters(INamedTypeSymbol? type)
        {
            var chain = new Stack<INamedTypeSymbol>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                chain.Push(current.OriginalDefinition);
            }

            return chain.SelectMany(t => t.TypeParameters);
        }

        private static string DisplayName(IMethodSymbol method) => $"{method.ContainingType.Name}.{method.Name}";

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private sealed record Traced(IMethodSymbol Definition, IMethodSymbol Annotated, AttributeData? Scope, AttributeData? Llm);

        private sealed class KnownTypes
        {
            public KnownTypes(Compilation compilation, INamedTypeSymbol scopeAttribute, INamedTypeSymbol llmAttribute)
            {
                Compilation = compilation;
                ScopeAttribute = scopeAttribute;
                LlmAttribute = llmAttribute;
                Task = compilation.GetTypeByMetadataName(TypeNames.Task);
                TaskOfT = compilation.GetTypeByMetadataName(TypeNames.TaskOfT);
                ValueTask = compilation.GetTypeByMetadataName(TypeNames.ValueTask);
                ValueTaskOfT = compilation.GetTypeByMetadataName(TypeNames.ValueTaskOfT);
                AsyncEnumerable = compilation.GetTypeByMetadataName(TypeNames.AsyncEnumerable);
                ExpressionOfT = compilation.GetTypeByMetadataName(TypeNames.ExpressionOfT);
                UnsafeAccessor = compilation.GetTypeByMetadataName(TypeNames.UnsafeAccessorAttribute);
                AsyncCollectionResult = compilation.GetTypeByMetadataName(Providers.ProviderTable.AsyncCollectionResult);
                CollectionResult = compilation.GetTypeByMetadataName(Providers.ProviderTable.CollectionResult);
                HasGenericUnsafeAccessor = compilation.GetTypeByMetadataName(TypeNames.Net9Marker) is not null;
            }

            public Compilation Compilation { get; }
            public INamedTypeSymbol ScopeAttribute { get; }
            public INamedTypeSymbol LlmAttribute { get; }
            public INamedTypeSymbol? Task { get; }
            public INamedTypeSymbol? TaskOfT { get; }
            public INamedTypeSymbol? ValueTask { get; }
            public INamedTypeSymbol? ValueTaskOfT { get; }
            public INamedTypeSymbol? AsyncEnumerable { get; }
            public INamedTypeSymbol? ExpressionOfT { get; }
            public INamedTypeSymbol? UnsafeAccessor { get; }
            public INamedTypeSymbol? AsyncCollectionResult { get; }
            public INamedTypeSymbol? CollectionResult { get; }
            public bool HasGenericUnsafeAccessor { get; }
        }
    }
}
