using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Testing;

/// <summary>
/// Compiles user code in memory the way a package user's build does: .NET 10's reference assemblies and the Tracentic
/// runtime, nullable enabled, the interceptors opted in (or not), Tracentic's generator run as the compiler runs it,
/// and analyzers over the result. The one compilation helper of the generator, transparency and README tests; what
/// differs between them is in <see cref="CompileSettings"/>. Its callers reference Roslyn 5,
/// Basic.Reference.Assemblies.Net100 and the generator project themselves (this library uses them privately).
/// </summary>
internal static class TestCompiler
{
    /// <summary>The project directory every in-memory compilation is in (the generator reads it as <c>ProjectDir</c>).</summary>
    public const string ProjectDirectory = "/src/App";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location),
    ]);

    // Every analyzer shipped beside the generator (diagnostics about user code may move from the generator to them).
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_tracenticAnalyzers = new(() =>
    [
        .. typeof(TracenticInterceptorGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ]);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_trimAnalyzers = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ILLink", "ILLink.RoslynAnalyzer.dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: a test project that runs the trimming analyzers copies it from the Microsoft.NET.ILLink.Tasks package (see Tracentic.Transparency.Tests.csproj).");
        }

        return new AnalyzerFileReference(path, AnalyzerLoader.Instance).GetAnalyzers(LanguageNames.CSharp);
    });

    /// <summary>.NET 10's reference assemblies and the Tracentic runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>Every analyzer in the generator's assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> TracenticAnalyzers => s_tracenticAnalyzers.Value;

    /// <summary>
    /// The SDK's trimming, AOT and single-file analyzers (ILLink), loaded from <c>ILLink/ILLink.RoslynAnalyzer.dll</c>
    /// beside the tests; they report only with <see cref="CompileSettings.TrimAnalyzers"/> set.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> TrimAnalyzers => s_trimAnalyzers.Value;

    public static CSharpParseOptions ParseOptions(CompileSettings? settings = null)
    {
        settings ??= CompileSettings.Default;
        return InterceptorParseOptions.Create(settings.Interceptors, settings.LanguageVersion);
    }

    public static SyntaxTree Parse(string text, string path, CompileSettings? settings = null) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions(settings), path, Encoding.UTF8);

    public static CSharpCompilation Create(string assemblyName, IEnumerable<(string Path, string Text)> sources, CompileSettings? settings = null)
    {
        settings ??= CompileSettings.Default;
        var options = new CSharpCompilationOptions(
                settings.Kind,
                // Nullable annotations exist from C# 8 on; an older project has them off.
                nullableContextOptions: settings.LanguageVersion is LanguageVersion.Latest or >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable)
            .WithAllowUnsafe(true)
            // Debug code: the JIT inlines nothing, so stack traces show every frame of user and generated code.
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithWarningLevel(settings.WarningLevel)
            .WithGeneralDiagnosticOption(settings.WarningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default);
        return CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => Parse(s.Text, s.Path, settings)),
            [.. References, .. settings.AdditionalReferences],
            options);
    }

    /// <summary>The MSBuild properties the generator and the analyzers see: the project directory, and the trimming analyzers' switches when on.</summary>
    public static AnalyzerConfigOptionsProvider BuildProperties(CompileSettings? settings = null) =>
        (settings ?? CompileSettings.Default).TrimAnalyzers
            ? new ProjectDirectoryOptions(ProjectDirectory, new Dictionary<string, string>
            {
                ["build_property.EnableTrimAnalyzer"] = "true",
                ["build_property.EnableAotAnalyzer"] = "true",
                ["build_property.EnableSingleFileAnalyzer"] = "true",
            })
            : new ProjectDirectoryOptions(ProjectDirectory);

    /// <summary>A driver running Tracentic's generator with the compilation's parse options, as the compiler runs it.</summary>
    public static GeneratorDriver CreateDriver(CSharpCompilation compilation, CompileSettings? settings = null, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new TracenticInterceptorGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: BuildProperties(settings),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator (throwing if it threw); returns the compilation with its output and what it reported.</summary>
    public static Generation Generate(CSharpCompilation compilation, CompileSettings? settings = null)
    {
        var driver = CreateDriver(compilation, settings).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw", result.Exception);
        }

        return new Generation((CSharpCompilation)output, result, diagnostics);
    }

    /// <summary>
    /// Diagnostics of <paramref name="analyzers"/> on the compilation, with the build properties of
    /// <paramref name="settings"/> (an analyzer that throws is reported as AD0001; pragma-suppressed ones are left out).
    /// </summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation, IEnumerable<DiagnosticAnalyzer> analyzers, CompileSettings? settings = null) =>
        compilation.WithAnalyzers([.. analyzers], new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], BuildProperties(settings)), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAnalyzerDiagnosticsAsync();

    /// <summary>Loads analyzer assemblies for <see cref="AnalyzerFileReference"/> into the test process.</summary>
    private sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
    {
        public static readonly AnalyzerLoader Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

/// <summary>How <see cref="TestCompiler"/> compiles: what differs between the test projects (and tests) that compile in memory.</summary>
internal sealed record CompileSettings
{
    public static readonly CompileSettings Default = new();

    /// <summary>The interceptors opted in for <c>Tracentic.Generated</c>, as the package's build props do.</summary>
    public bool Interceptors { get; init; } = true;

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    public OutputKind Kind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    /// <summary>References beside <see cref="TestCompiler.References"/>: provider SDKs, a library compiled by the test.</summary>
    public ImmutableArray<MetadataReference> AdditionalReferences { get; init; } = [];

    /// <summary>The compiler's warning level: 4 (a compilation's default), or 9999 for every warning wave.</summary>
    public int WarningLevel { get; init; } = 4;

    public bool WarningsAsErrors { get; init; }

    /// <summary>The build properties that switch the trimming, AOT and single-file analyzers on (what <c>IsAotCompatible</c> sets).</summary>
    public bool TrimAnalyzers { get; init; }
}

/// <param name="Output">The compilation with the generated trees.</param>
/// <param name="Result">The generator's run: its generated sources and its own diagnostics.</param>
/// <param name="OutputDiagnostics">The diagnostics of updating the compilation (the driver's).</param>
internal sealed record Generation(CSharpCompilation Output, GeneratorRunResult Result, ImmutableArray<Diagnostic> OutputDiagnostics)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public ImmutableArray<SyntaxTree> GeneratedTrees => [.. Result.GeneratedSources.Select(s => s.SyntaxTree)];

    /// <summary>The generated source, or null when nothing was generated.</summary>
    public string? GeneratedSource => Result.GeneratedSources.Select(s => s.SourceText.ToString()).SingleOrDefault();
}
