using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
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

            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeMethodReference(c, symbols), OperationKind.MethodReference);
            start.RegisterSymbolAction(c => AnalyzeDeclaration(c, symbols), SymbolKind.Method);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TracenticSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (TracedMethod.Find(invocation.TargetMethod, symbols) is not { } traced)
        {
            return;
        }

        var name = TracedMethod.DisplayName(traced.Definition);
        if (invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            // foreach, await, a collection initializer, a deconstruction...: the compiler calls the method itself.
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnreachableMethod, invocation.Syntax.GetLocation(), name,
                "this call is implied by the syntax (foreach, await, a collection initializer or similar), and only calls written as invocations can be intercepted"));
            return;
        }

        var verdict = CallClassifier.Classify(syntax, traced, invocation.SemanticModel!, symbols, context.CancellationToken);
        if (!verdict.CanWrap)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ById(verdict.SkipId!), syntax.GetLocation(), verdict.Arguments.Cast<object>().ToArray()));
        }
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context, TracenticSymbols symbols)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (TracedMethod.Find(reference.Method, symbols) is { } traced)
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
