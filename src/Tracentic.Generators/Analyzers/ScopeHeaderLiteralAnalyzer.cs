using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// TRC001: a string constant equal to the scope header name (<c>x-tracentic-scope-id</c>, any letter case)
/// where <c>TracenticHeaders.Scope</c> should be used.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScopeHeaderLiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ScopeHeaderLiteral);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = ScopeHeaderSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return; // Tracentic is not referenced: nothing to suggest.
            }

            start.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), StringConstantOperations.Kinds);
        });
    }

    private static void Analyze(OperationAnalysisContext context, ScopeHeaderSymbols symbols)
    {
        if (!StringConstantOperations.TryGetStandaloneConstant(context.Operation, out var value)
            || !symbols.Matcher.IsHeader(value)
            || StringConstantOperations.IsBuiltFromNamedConstant(context.Operation, symbols)
            || symbols.IsInsideHeadersType(context.ContainingSymbol))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ScopeHeaderLiteral, context.Operation.Syntax.GetLocation(), value));
    }
}
