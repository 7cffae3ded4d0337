using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// A cold generator run over code shaped like a real code base: 100,000 invocations in 250 files, 1,000 of them
/// traced. What it costs is what every build of such a project pays.
/// </summary>
[MemoryDiagnoser]
public class RealisticCodeBenchmarks
{
    private const int Files = 250;
    private const int BlocksPerFile = 18;
    private const int TracedPerFile = 4;
    private CSharpCompilation _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticLibrary.Compile(SyntheticLibrary.Sources(Files, BlocksPerFile, TracedPerFile));
        var invocations = _compilation.SyntaxTrees.Sum(static t => t.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Count());
        var sites = SyntheticLibrary.InterceptedSites(Run());
        Console.WriteLine($"// {invocations} invocations, {sites} intercepted");
        if (sites != Files * TracedPerFile)
        {
            throw new InvalidOperationException($"expected {Files * TracedPerFile} intercepted sites, got {sites}");
        }
    }

    /// <summary>A fresh clone each time: no binding is left over from the last run, as in a real build.</summary>
    [Benchmark]
    public GeneratorDriverRunResult HundredThousandInvocations_ThousandTraced() => Run();

    private GeneratorDriverRunResult Run() =>
        CSharpGeneratorDriver.Create([new TracenticInterceptorGenerator().AsSourceGenerator()], parseOptions: SyntheticLibrary.ParseOptions)
            .RunGenerators(_compilation.Clone())
            .GetRunResult();
}
