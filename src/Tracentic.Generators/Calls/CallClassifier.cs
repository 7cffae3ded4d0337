using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.Generators.Calls;

/// <summary>
/// Decides whether a call to a traced method can be wrapped without changing what the program does. The analyzer
/// reports its verdicts; the generator wraps exactly the calls it accepts. One rule set, so the two never disagree.
/// </summary>
internal static class CallClassifier
{
    /// <summary>The verdict for one call: first what is true of every call to the method, then what is true of this one.</summary>
    public static CallVerdict Classify(InvocationExpressionSyntax invocation, TracedMethod traced, SemanticModel model, TracenticSymbols symbols, CancellationToken cancellationToken)
    {
        var method = ClassifyMethod(traced, symbols);
        if (!method.CanWrap)
        {
            return method;
        }

        var name = TracedMethod.DisplayName(traced.Definition);
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
        {
            return CallVerdict.Skip(DiagnosticIds.BaseCallNotTraced, traced.Definition.Name);
        }

        if (IsInExpressionTree(invocation, model, symbols, cancellationToken))
        {
            return CallVerdict.Skip(DiagnosticIds.ExpressionTreeNotTraced, name);
        }

        // A call through a type parameter: an interceptor names the interface, so a struct receiver would arrive
        // boxed (the method would mutate a copy), and a static abstract member cannot be named at all.
        var definition = traced.Definition;
        if (definition.IsStatic && definition.ContainingType.TypeKind == TypeKind.Interface && (definition.IsAbstract || definition.IsVirtual))
        {
            return CallVerdict.Skip(DiagnosticIds.TypeParameterCallNotTraced, name, ReceiverText(invocation) ?? "T", "it is a static abstract or virtual interface member, which only the type parameter can reach");
        }

        if (!definition.IsStatic && ReceiverOf(invocation) is { } receiver
            && model.GetTypeInfo(receiver, cancellationToken).Type is ITypeParameterSymbol { IsReferenceType: false } typeParameter)
        {
            return CallVerdict.Skip(DiagnosticIds.TypeParameterCallNotTraced, name, typeParameter.Name, "a wrapper would receive a boxed copy of a struct argument, so the method would change the copy");
        }

        // The compiler hands a generic interceptor a copy of a generic struct's own 'this' (seen with Roslyn 4.14 and
        // 5.x), so a mutating method would change the copy. Calls on any other variable of the struct are passed by ref.
        if (!definition.IsStatic && definition.ContainingType is { IsValueType: true, IsReadOnly: false } structType && !definition.IsReadOnly
            && AllTypeParameters(structType).Any() && IsOnThis(invocation))
        {
            return CallVerdict.Skip(DiagnosticIds.GenericStructThisCallNotTraced, name, structType.Name);
        }

        return CallVerdict.Wrap;
    }

    /// <summary>Whether the receiver is <c>this</c>, written or implied.</summary>
    private static bool IsOnThis(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax or GenericNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: var receiver } => Unparenthesized(receiver) is ThisExpressionSyntax,
        _ => false,
    };

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

    /// <summary>The verdict that holds for every call of the method (worked out once per compilation).</summary>
    public static CallVerdict ClassifyMethod(TracedMethod traced, TracenticSymbols symbols) =>
        s_methods.GetValue(traced.Definition, _ => new Box(ClassifyMethodUncached(traced, symbols))).Verdict;

    /// <summary>
    /// For a member of a C# 14 <c>extension(...)</c> block, the compiler's implementation: a static method of the
    /// enclosing static class with the receiver as first parameter (none for static members). Found by shape, so
    /// this works with the Roslyn 4.14 API the generator is built against. Otherwise the method itself.
    /// </summary>
    public static IMethodSymbol Implementation(IMethodSymbol member)
    {
        var block = member.ContainingType;
        if (block is null || block.CanBeReferencedByName || block.ContainingType is not { IsStatic: true } enclosing || block.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
        {
            return member;
        }

        var receiverCount = member.IsStatic ? 0 : 1;
        return enclosing.GetMembers(member.Name).OfType<IMethodSymbol>().FirstOrDefault(candidate =>
            candidate.IsStatic
            && !ReferenceEquals(candidate, member)
            && candidate.Parameters.Length == member.Parameters.Length + receiverCount
            && candidate.Arity == member.Arity + block.Arity
            && candidate.Parameters.Skip(receiverCount).Select(p => p.Name).SequenceEqual(member.Parameters.Select(p => p.Name)))
            ?? member;
    }

    /// <summary>Why no call to an annotated method of this kind can ever be intercepted (an operator, a local function), or null.</summary>
    public static string? NeverInterceptable(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.UserDefinedOperator or MethodKind.BuiltinOperator => "operators are applied with operator syntax, which interceptors cannot replace; move the body into a named method and call that",
        MethodKind.Conversion => "conversions are applied implicitly or by a cast, which interceptors cannot replace; move the body into a named method and call that",
        MethodKind.LocalFunction => "generated code cannot call a local function; make it a private method",
        MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove => "accessors are not invoked as calls; move the body into a method",
        MethodKind.Destructor or MethodKind.StaticConstructor => "it is never called by user code",
        _ => null,
    };

    private static readonly ConditionalWeakTable<IMethodSymbol, Box> s_methods = new();

    private sealed class Box(CallVerdict verdict)
    {
        public CallVerdict Verdict { get; } = verdict;
    }

    private static CallVerdict ClassifyMethodUncached(TracedMethod traced, TracenticSymbols symbols)
    {
        var name = TracedMethod.DisplayName(traced.Definition);
        var definition = Implementation(traced.Definition);
        if (NeverInterceptable(definition) is { } never)
        {
            return CallVerdict.Skip(DiagnosticIds.UnreachableMethod, name, never);
        }

        if (definition.ReturnsVoid && IsAsync(definition))
        {
            return CallVerdict.Skip(DiagnosticIds.AsyncVoidNotTraced, name);
        }

        if (definition.ReturnsByRef || definition.ReturnsByRefReadonly || definition.ReturnType.IsRefLikeType)
        {
            var what = definition.ReturnType.IsRefLikeType ? $"the ref struct '{definition.ReturnType.Name}'" : "by reference";
            return CallVerdict.Skip(DiagnosticIds.ByRefReturnNotTraced, name, what);
        }

        return Unreachable(definition, symbols) is { } why
            ? CallVerdict.Skip(DiagnosticIds.UnreachableMethod, name, why)
            : CallVerdict.Wrap;
    }

    /// <summary>Why generated code in another file cannot call the method, or null when it can.</summary>
    private static string? Unreachable(IMethodSymbol method, TracenticSymbols symbols)
    {
        if (method.IsVararg)
        {
            return "it takes __arglist, which a wrapper cannot pass on";
        }

        // A dynamic argument binds a call at run time; generated code passes a by-value one as object, but a
        // reference cannot be converted.
        if (method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None && p.Type.TypeKind == TypeKind.Dynamic) is { } byRefDynamic)
        {
            return $"its parameter '{byRefDynamic.Name}' is a dynamic passed by reference, which a wrapper could only pass on with a call bound at run time; make it object";
        }

        var assembly = symbols.Compilation.Assembly;
        foreach (var type in SignatureTypes(method))
        {
            if (type is INamedTypeSymbol { IsFileLocal: true })
            {
                return $"its signature uses '{type.ToDisplayString()}', a file-local type that generated code cannot name; make it internal";
            }

            if (!symbols.Compilation.IsSymbolAccessibleWithin(type, assembly))
            {
                return $"its signature uses '{type.ToDisplayString()}', which generated code cannot name; make the type internal or public";
            }
        }

        if (symbols.Compilation.IsSymbolAccessibleWithin(method, assembly))
        {
            return null;
        }

        if (method.ContainingType.IsStatic)
        {
            return "it is a private member of a static class, which [UnsafeAccessor] cannot reach; make it internal";
        }

        if (symbols.UnsafeAccessor is null)
        {
            return "it is private or protected and this target framework has no [UnsafeAccessor] (.NET 8 or later); make it internal";
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly))
        {
            return "it is not accessible from this assembly";
        }

        var generic = method.IsGenericMethod || AllTypeParameters(method.ContainingType).Any();
        if (generic && !symbols.HasGenericUnsafeAccessor)
        {
            return "it is private or protected and generic, which [UnsafeAccessor] supports from .NET 9 on; target .NET 9 or later, or make it internal";
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return "it is a non-public interface member; make it internal or public";
        }

        return null;
    }

    /// <summary>The type parameters a wrapper of a member of <paramref name="type"/> declares for it (outermost type first).</summary>
    public static IEnumerable<ITypeParameterSymbol> AllTypeParameters(INamedTypeSymbol? type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Push(current.OriginalDefinition);
        }

        return chain.SelectMany(t => t.TypeParameters);
    }

    /// <summary>Every named type a wrapper's signature mentions, the containing types included.</summary>
    public static IEnumerable<ITypeSymbol> SignatureTypes(IMethodSymbol method)
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
            case IArrayTypeSymbol array:
                return Flatten(array.ElementType);
            case IPointerTypeSymbol pointer:
                return Flatten(pointer.PointedAtType);
            case IFunctionPointerTypeSymbol function:
                return function.Signature.Parameters.SelectMany(p => Flatten(p.Type)).Concat(Flatten(function.Signature.ReturnType));
            case INamedTypeSymbol named:
                return new[] { named.OriginalDefinition }.Concat(named.TypeArguments.SelectMany(Flatten));
            default:
                return Enumerable.Empty<ITypeSymbol>();
        }
    }

    private static bool IsAsync(IMethodSymbol method) =>
        method.IsAsync // known for source; metadata keeps an AsyncStateMachine attribute
        || method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");

    /// <summary>
    /// Whether the call sits in a lambda converted to an expression tree (explicitly, or as a query clause over
    /// <c>IQueryable</c>): a query provider would see the interceptor instead of the method it translates.
    /// </summary>
    private static bool IsInExpressionTree(SyntaxNode call, SemanticModel model, TracenticSymbols symbols, CancellationToken cancellationToken)
    {
        if (symbols.ExpressionOfT is null)
        {
            return false;
        }

        foreach (var node in call.Ancestors())
        {
            var converted = node switch
            {
                LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => model.GetTypeInfo(node, cancellationToken).ConvertedType,
                QueryClauseSyntax clause => LastParameterType(model.GetQueryClauseInfo(clause, cancellationToken).OperationInfo.Symbol),
                SelectOrGroupClauseSyntax clause => LastParameterType(model.GetSymbolInfo(clause, cancellationToken).Symbol),
                _ => null,
            };

            if (converted is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.ExpressionOfT))
            {
                return true;
            }
        }

        return false;

        // Query operators take the clause as their lambda parameter (after the source for extensions).
        static ITypeSymbol? LastParameterType(ISymbol? symbol) => symbol is IMethodSymbol method
            ? method.Parameters.LastOrDefault()?.Type
            : null;
    }

    /// <summary>The receiver expression of <c>x.M()</c> or <c>x?.M()</c>; null for an implicit <c>this</c> or a static call.</summary>
    private static ExpressionSyntax? ReceiverOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Expression,
        MemberBindingExpressionSyntax => invocation.Ancestors().OfType<ConditionalAccessExpressionSyntax>().FirstOrDefault()?.Expression,
        _ => null,
    };

    private static string? ReceiverText(InvocationExpressionSyntax invocation) => ReceiverOf(invocation)?.ToString();
}
