using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Analyzers;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// `-- analyzer`: the traced-call analyzer's own execution time on the library of <see cref="LibraryCompileBenchmarks"/>,
/// as the compiler's analyzer driver measures it (what <c>-p:ReportAnalyzer=true</c> shows in a build).
/// </summary>
internal static class AnalyzerTimingMode
{
    public static async Task RunAsync()
    {
        var compilation = SyntheticLibrary.Compile(SyntheticLibrary.Sources(files: 100, blocksPerFile: 13, tracedPerFile: 4));
        CSharpGeneratorDriver.Create([new TracenticInterceptorGenerator().AsSourceGenerator()], parseOptions: SyntheticLibrary.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        for (var round = 0; round < 5; round++)
        {
            var analyzer = new TracedCallAnalyzer();
            var analysis = withGenerated.Clone().WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
            var telemetry = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Console.WriteLine($"TracedCallAnalyzer: {telemetry.ExecutionTime.TotalMilliseconds:0} ms, {diagnostics.Length} diagnostics");
        }
    }
}
