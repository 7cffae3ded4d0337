using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// Generator time as a share of a library's compile: 100 files, about 29,000 invocations, 400 of them traced.
/// A compile here is what the compiler does for a build: parse, (run the generator), bind and emit the assembly.
/// The generator's share is <c>(WithGenerator − WithoutGenerator) / WithGenerator</c>; <see cref="GeneratorOnly"/>
/// is the generator alone on a cold compilation.
/// </summary>
[MemoryDiagnoser]
public class LibraryCompileBenchmarks
{
    private const int Files = 100;
    private const int BlocksPerFile = 13;
    private const int TracedPerFile = 4;
    private IReadOnlyList<(string Path, string Text)> _sources = null!;
    private CSharpCompilation _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sources = SyntheticLibrary.Sources(Files, BlocksPerFile, TracedPerFile);
        _compilation = SyntheticLibrary.Compile(_sources);
        var invocations = _compilation.SyntaxTrees.Sum(static t => t.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Count());
        var sites = SyntheticLibrary.InterceptedSites(CreateDriver().RunGenerators(_compilation.Clone()).GetRunResult());
        Console.WriteLine($"// {invocations} invocations, {sites} intercepted");
        if (sites != Files * TracedPerFile)
        {
            throw new InvalidOperationException($"expected {Files * TracedPerFile} intercepted sites, got {sites}");
        }

        // Both compiles must succeed, or the comparison would time an early error exit.
        Emit(WithGeneratedSources(SyntheticLibrary.Compile(_sources)));
        Emit(SyntheticLibrary.Compile(_sources));
    }

    [Benchmark]
    public GeneratorDriverRunResult GeneratorOnly() => CreateDriver().RunGenerators(_compilation.Clone()).GetRunResult();

    [Benchmark(Baseline = true)]
    public long CompileWithoutGenerator() => Emit(SyntheticLibrary.Compile(_sources));

    [Benchmark]
    public long CompileWithGenerator() => Emit(WithGeneratedSources(SyntheticLibrary.Compile(_sources)));

    private static Compilation WithGeneratedSources(Compilation compilation)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return diagnostics.IsEmpty ? output : throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
    }

    private static long Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return result.Success
            ? stream.Length
            : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            ImmutableArray.Create(new TracenticInterceptorGenerator().AsSourceGenerator()),
            parseOptions: SyntheticLibrary.ParseOptions);
}
