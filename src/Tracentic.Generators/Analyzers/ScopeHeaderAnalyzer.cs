using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// String constants that should be <c>TracenticHeaders.Scope</c>, in one pass over each constant:
/// TRC001 when the value is the scope header name (<c>x-tracentic-scope-id</c>, any letter case);
/// TRC002 when it is close to, but not, that name — a header the receiving service never reads
/// (the rule is <see cref="ScopeHeaderMatcher.IsMisspelling"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScopeHeaderAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ScopeHeaderLiteral, DiagnosticDescriptors.ScopeHeaderMisspelling);

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
        if (!StringConstantOperations.TryGetStandaloneConstant(context.Operation, out var value))
        {
            return;
        }

        var descriptor = symbols.Matcher.IsHeader(value) ? DiagnosticDescriptors.ScopeHeaderLiteral
            : symbols.Matcher.IsMisspelling(value) ? DiagnosticDescriptors.ScopeHeaderMisspelling
            : null;
        if (descriptor is null
            || StringConstantOperations.IsBuiltFromNamedConstant(context.Operation, symbols)
            || symbols.IsInsideHeadersType(context.ContainingSymbol))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(descriptor, context.Operation.Syntax.GetLocation(), value));
    }
}
