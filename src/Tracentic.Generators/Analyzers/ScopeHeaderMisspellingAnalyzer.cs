using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// TRC002: a string constant that is close to, but not, the scope header name — a header the receiving
/// service never reads. The rule is <see cref="ScopeHeaderMatcher.IsMisspelling"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScopeHeaderMisspellingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ScopeHeaderMisspelling);

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
            || !symbols.Matcher.IsMisspelling(value)
            || StringConstantOperations.IsBuiltFromNamedConstant(context.Operation, symbols)
            || symbols.IsInsideHeadersType(context.ContainingSymbol))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ScopeHeaderMisspelling, context.Operation.Syntax.GetLocation(), value));
    }
}
