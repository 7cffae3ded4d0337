using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Testing;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>
/// Compiles user code in memory the way a package user's build does (the shared <see cref="TestCompiler"/>): without
/// Tracentic's generator (the truth) or with it (interceptors enabled for <c>Tracentic.Generated</c>, as the package's
/// build props do) and its analyzers. Both at the strictest settings a maintained library uses: nullable enabled,
/// every warning wave (WarningLevel 9999), and the trimming, AOT and single-file analyzers on (what
/// <c>IsAotCompatible</c> turns on).
/// </summary>
internal static class Compiler
{
    public const string ProjectDirectory = TestCompiler.ProjectDirectory;

    private static CompileSettings Strict(bool generator, OutputKind kind, bool warningsAsErrors = false) => new()
    {
        Interceptors = generator,
        Kind = kind,
        WarningLevel = 9999,
        WarningsAsErrors = warningsAsErrors,
        TrimAnalyzers = true,
    };

    public static CSharpCompilation Create(string assemblyName, IEnumerable<(string Path, string Text)> sources, bool generator, OutputKind kind, bool warningsAsErrors = false) =>
        TestCompiler.Create(assemblyName, sources, Strict(generator, kind, warningsAsErrors));

    /// <summary>Runs the generator; returns the compilation with its output, and the generator's own diagnostics.</summary>
    public static (CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<SyntaxTree> Generated) Generate(CSharpCompilation compilation)
    {
        var generation = TestCompiler.Generate(compilation, Strict(generator: true, compilation.Options.OutputKind));
        return (generation.Output, generation.GeneratorDiagnostics, generation.GeneratedTrees);
    }

    /// <summary>
    /// Diagnostics of Tracentic's analyzers (unless <paramref name="tracentic"/> is false) and of the trimming
    /// analyzers on this compilation (an analyzer that throws is reported as AD0001).
    /// </summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation, bool tracentic = true) =>
        TestCompiler.AnalyzeAsync(
            compilation,
            [.. tracentic ? TestCompiler.TracenticAnalyzers : [], .. TestCompiler.TrimAnalyzers],
            Strict(generator: true, compilation.Options.OutputKind));

    public static bool IsGenerated(Diagnostic d) => d.Location.SourceTree is { } tree && IsGenerated(tree);

    public static bool IsGenerated(SyntaxTree tree) => tree.FilePath.Contains("Tracentic.Generators", StringComparison.Ordinal) || tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);

    public static string Format(Diagnostic d) =>
        d.Location.IsInSource
            ? $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Severity} {d.Id}: {d.GetMessage()}"
            : $"{d.Severity} {d.Id}: {d.GetMessage()}";
}
