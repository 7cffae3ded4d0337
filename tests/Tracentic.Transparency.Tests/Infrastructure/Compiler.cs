using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>
/// Compiles user code in memory the way a package user's build does: without Tracentic's generator (the truth) or
/// with it (interceptors enabled for <c>Tracentic.Generated</c>, as the package's build props do) and its analyzers.
/// Both at the strictest settings a maintained library uses: nullable enabled, every warning wave (WarningLevel
/// 9999), and the trimming, AOT and single-file analyzers on (what <c>IsAotCompatible</c> turns on).
/// </summary>
internal static class Compiler
{
    public const string ProjectDirectory = "/src/App";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location),
    ]);

    // Every analyzer shipped beside the generator (diagnostics about user code may move from the generator to them).
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_analyzers = new(() =>
    [
        .. typeof(TracenticInterceptorGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ]);

    /// <summary>The SDK's trimming, AOT and single-file analyzers (ILLink), copied beside the tests from its package.</summary>
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_trimAnalyzers = new(() =>
        new AnalyzerFileReference(Path.Combine(AppContext.BaseDirectory, "ILLink", "ILLink.RoslynAnalyzer.dll"), AnalyzerLoader.Instance)
            .GetAnalyzers(LanguageNames.CSharp));

    public static CSharpCompilation Create(string assemblyName, IEnumerable<(string Path, string Text)> sources, bool generator, OutputKind kind, bool warningsAsErrors = false)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest)
            .WithFeatures(generator ? [new("InterceptorsNamespaces", "Tracentic.Generated")] : []);
        var options = new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable)
            .WithAllowUnsafe(true)
            // Debug code: the JIT inlines nothing, so stack traces show every frame of user and generated code.
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithWarningLevel(9999)
            .WithGeneralDiagnosticOption(warningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default);
        return CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path, System.Text.Encoding.UTF8)),
            s_references.Value,
            options);
    }

    /// <summary>Runs the generator; returns the compilation with its output, and the generator's own diagnostics.</summary>
    public static (CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<SyntaxTree> Generated) Generate(CSharpCompilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create(
            [new TracenticInterceptorGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: new ProjectOptions(ProjectDirectory));
        var run = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _).GetRunResult();
        var result = run.Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw", result.Exception);
        }

        return ((CSharpCompilation)output, result.Diagnostics, run.GeneratedTrees);
    }

    /// <summary>
    /// Diagnostics of Tracentic's analyzers (unless <paramref name="tracentic"/> is false) and of the trimming
    /// analyzers on this compilation (an analyzer that throws is reported as AD0001).
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation, bool tracentic = true)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = [.. tracentic ? s_analyzers.Value : [], .. s_trimAnalyzers.Value];
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], new ProjectOptions(ProjectDirectory)), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    public static bool IsGenerated(Diagnostic d) => d.Location.SourceTree is { } tree && IsGenerated(tree);

    public static bool IsGenerated(SyntaxTree tree) => tree.FilePath.Contains("Tracentic.Generators", StringComparison.Ordinal) || tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);

    public static string Format(Diagnostic d) =>
        d.Location.IsInSource
            ? $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Severity} {d.Id}: {d.GetMessage()}"
            : $"{d.Severity} {d.Id}: {d.GetMessage()}";

    private sealed class ProjectOptions(string projectDirectory) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(new Dictionary<string, string>
        {
            ["build_property.ProjectDir"] = projectDirectory + "/",
            ["build_property.EnableTrimAnalyzer"] = "true",
            ["build_property.EnableAotAnalyzer"] = "true",
            ["build_property.EnableSingleFileAnalyzer"] = "true",
        });

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>Loads analyzer assemblies for <see cref="AnalyzerFileReference"/> into the test process.</summary>
internal sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
{
    public static readonly AnalyzerLoader Instance = new();

    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}
