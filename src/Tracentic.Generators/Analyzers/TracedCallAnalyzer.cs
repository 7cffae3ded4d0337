using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Diagnostics;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// Explains every call to a <c>[TracenticScope]</c>/<c>[TracenticLlmCall]</c> method that the generator leaves as
/// written (TRC101–TRC108, TRC110, TRC112), and every attribute that cannot take effect (TRC106, TRC107, TRC111). Its verdicts
/// come from <see cref="CallClassifier"/>, the same rules the generator wraps by, so a call is either wrapped or
/// reported here — and, being an analyzer, <c>#pragma</c> and .editorconfig severities apply as usual.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TracedCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MethodGroupNotTraced,
        DiagnosticDescriptors.BaseCallNotTraced,
        DiagnosticDescriptors.ExpressionTreeNotTraced,
        DiagnosticDescriptors.AsyncVoidNotTraced,
        DiagnosticDescriptors.ByRefReturnNotTraced,
        DiagnosticDescriptors.NoUsagePath,
        DiagnosticDescriptors.InvalidMemberPath,
        DiagnosticDescriptors.UnreachableMethod,
        DiagnosticDescriptors.TypeParameterCallNotTraced,
        DiagnosticDescriptors.AttributeHasNoEffect,
        DiagnosticDescriptors.GenericStructThisCallNotTraced);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (TracenticSymbols.From(start.Compilation) is not { } symbols)
            {
                return; // Tracentic is not referenced: nothing is traced.
            }

            // Most calls are to methods named like no annotated one: a name lookup dismisses them (as in the generator).
            var names = TracedNames.Of(start.Compilation, symbols, start.CancellationToken);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, names), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeMethodReference(c, symbols, names), OperationKind.MethodReference);
            start.RegisterSymbolAction(c => AnalyzeDeclaration(c, symbols), SymbolKind.Method);
            if (names.ContainsAny(ImpliedMethodNames))
            {
                start.RegisterSyntaxNodeAction(
                    c => AnalyzeImpliedCalls(c, symbols),
                    SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement, SyntaxKind.AwaitExpression,
                    SyntaxKind.SimpleAssignmentExpression, SyntaxKind.UsingStatement, SyntaxKind.LocalDeclarationStatement);
            }
        });
    }

    /// <summary>The methods <see cref="AnalyzeImpliedCalls"/> looks for: unless one is annotated, no syntax needs binding for them.</summary>
    private static readonly string[] ImpliedMethodNames =
        ["GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "get_Current", "Dispose", "DisposeAsync", "GetAwaiter", "get_IsCompleted", "GetResult", "Deconstruct"];

    private static void AnalyzeInvocation(OperationAnalysisContext context, TracenticSymbols symbols, TracedNames names)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!names.Contains(invocation.TargetMethod.Name) || TracedMethod.Find(invocation.TargetMethod, symbols) is not { } traced)
        {
            return;
        }

        var name = TracedMethod.DisplayName(traced.Definition);
        if (invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            // A collection initializer, a query clause, an interpolated string handler...: the compiler calls the method itself.
            ReportImplied(context.ReportDiagnostic, traced, invocation.Syntax.GetLocation());
            return;
        }

        var verdict = CallClassifier.Classify(syntax, traced, invocation.SemanticModel!, symbols, context.CancellationToken);
        if (!verdict.CanWrap)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ById(verdict.SkipId!), syntax.GetLocation(), verdict.Arguments.Cast<object>().ToArray()));
        }
    }

    /// <summary>
    /// Calls the compiler makes for a statement or expression (foreach, await, using, deconstruction) appear in no
    /// invocation, so no interceptor can replace them: each traced one is reported where the syntax implies it.
    /// </summary>
    private static void AnalyzeImpliedCalls(SyntaxNodeAnalysisContext context, TracenticSymbols symbols)
    {
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        var implied = new List<IMethodSymbol?>();
        Location location;
        switch (context.Node)
        {
            case CommonForEachStatementSyntax forEach:
                var info = model.GetForEachStatementInfo(forEach);
                implied.AddRange([info.GetEnumeratorMethod, info.MoveNextMethod, info.CurrentProperty?.GetMethod, info.DisposeMethod]);
                if (forEach is ForEachVariableStatementSyntax deconstructing)
                {
                    AddDeconstruction(implied, model.GetDeconstructionInfo(deconstructing));
                }

                location = forEach.Expression.GetLocation();
                break;
            case AwaitExpressionSyntax awaitExpression:
                var awaitInfo = model.GetAwaitExpressionInfo(awaitExpression);
                implied.AddRange([awaitInfo.GetAwaiterMethod, awaitInfo.IsCompletedProperty?.GetMethod, awaitInfo.GetResultMethod]);
                location = awaitExpression.GetLocation();
                break;
            case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } assignment:
                AddDeconstruction(implied, model.GetDeconstructionInfo(assignment));
                location = assignment.GetLocation();
                break;
            case UsingStatementSyntax usingStatement:
                implied.AddRange(DisposeMethods(model, usingStatement.Expression, usingStatement.Declaration, usingStatement.AwaitKeyword != default, cancellationToken));
                location = ((SyntaxNode?)usingStatement.Expression ?? usingStatement.Declaration)!.GetLocation();
                break;
            case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } usingDeclaration:
                implied.AddRange(DisposeMethods(model, null, usingDeclaration.Declaration, usingDeclaration.AwaitKeyword != default, cancellationToken));
                location = usingDeclaration.Declaration.GetLocation();
                break;
            default:
                return;
        }

        foreach (var method in implied)
        {
            if (method is not null && TracedMethod.Find(method, symbols) is { } traced)
            {
                ReportImplied(context.ReportDiagnostic, traced, location);
            }
        }
    }

    private static void AddDeconstruction(List<IMethodSymbol?> implied, DeconstructionInfo info)
    {
        implied.Add(info.Method);
        foreach (var nested in info.Nested)
        {
            AddDeconstruction(implied, nested);
        }
    }

    /// <summary>The Dispose (or DisposeAsync) methods a using statement or declaration calls on its resources.</summary>
    private static IEnumerable<IMethodSymbol?> DisposeMethods(SemanticModel model, ExpressionSyntax? expression, VariableDeclarationSyntax? declaration, bool isAsync, CancellationToken cancellationToken)
    {
        var types = new List<ITypeSymbol?>();
        if (expression is not null)
        {
            types.Add(model.GetTypeInfo(expression, cancellationToken).Type);
        }

        if (declaration is not null)
        {
            types.Add(model.GetTypeInfo(declaration.Type, cancellationToken).Type);
            types.AddRange(declaration.Variables.Select(v => v.Initializer is { } init ? model.GetTypeInfo(init.Value, cancellationToken).Type : null));
        }

        var interfaceName = isAsync ? "System.IAsyncDisposable" : "System.IDisposable";
        var methodName = isAsync ? "DisposeAsync" : "Dispose";
        var disposable = model.Compilation.GetTypeByMetadataName(interfaceName)?.GetMembers(methodName).OfType<IMethodSymbol>().FirstOrDefault();
        foreach (var type in types.OfType<ITypeSymbol>().Distinct(SymbolEqualityComparer.Default).Cast<ITypeSymbol>())
        {
            yield return disposable is not null && type.FindImplementationForInterfaceMember(disposable) is IMethodSymbol implementation
                ? implementation
                : type.GetMembers(methodName).OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.All(p => p.IsOptional || p.IsParams));
        }
    }

    private static void ReportImplied(Action<Diagnostic> report, TracedMethod traced, Location location) =>
        report(Diagnostic.Create(
            DiagnosticDescriptors.UnreachableMethod, location, TracedMethod.DisplayName(traced.Definition),
            "this call is implied by the syntax (foreach, await, using, a deconstruction, a collection initializer or a query clause), and only calls written as invocations can be intercepted; call the method explicitly to trace it"));

    private static void AnalyzeMethodReference(OperationAnalysisContext context, TracenticSymbols symbols, TracedNames names)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (names.Contains(reference.Method.Name) && TracedMethod.Find(reference.Method, symbols) is { } traced)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MethodGroupNotTraced, reference.Syntax.GetLocation(), TracedMethod.DisplayName(traced.Definition)));
        }
    }

    private static void AnalyzeDeclaration(SymbolAnalysisContext context, TracenticSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (TracedMethod.Read(method, method, symbols) is not { } traced)
        {
            return;
        }

        var location = traced.AttributeLocation ?? method.Locations.FirstOrDefault() ?? Location.None;
        if (CallClassifier.NeverInterceptable(method) is { } reason && method.MethodKind != MethodKind.LocalFunction)
        {
            var attribute = traced.Llm is not null ? "TracenticLlmCall" : "TracenticScope";
            // At the member's name: what the IDE underlines as the member that is never called.
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.AttributeHasNoEffect, method.Locations.FirstOrDefault() ?? location, attribute, TracedMethod.DisplayName(method), reason));
            return;
        }

        foreach (var diagnostic in TracenticInterceptorGenerator.Parser.UsageDiagnostics(traced, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(diagnostic.Id), location, diagnostic.Arguments.Cast<object>().ToArray()));
        }
    }
}
