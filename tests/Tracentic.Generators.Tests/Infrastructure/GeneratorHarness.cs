using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Tests.Infrastructure;

/// <summary>Compiles user code with the interceptor generator in memory, the way the compiler runs it.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/src/App";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatResponse).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenAI.Chat.ChatCompletion).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.ClientModel.ClientResult).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(BinaryData).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Anthropic.Models.Messages.Message).Assembly.Location),
    ]);

    public static CSharpParseOptions ParseOptions(bool interceptorsEnabled = true, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        new CSharpParseOptions(languageVersion)
            .WithFeatures(interceptorsEnabled ? [new("InterceptorsNamespaces", "Tracentic.Generated")] : []);

    public static CSharpCompilation CreateCompilation(string source, bool interceptorsEnabled = true, string path = ProjectDirectory + "/Program.cs", bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CreateCompilation([(path, source)], interceptorsEnabled, executable, languageVersion);

    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Source)> sources, bool interceptorsEnabled = true, bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CSharpCompilation.Create(
            "App" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions(interceptorsEnabled, languageVersion), s.Path)),
            s_references.Value,
            // Nullable annotations exist from C# 8 on; an older project has them off.
            new CSharpCompilationOptions(
                    executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: languageVersion is LanguageVersion.Latest or >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable)
                .WithAllowUnsafe(true));

    public static GeneratorDriver CreateDriver(CSharpCompilation compilation, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new TracenticInterceptorGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            optionsProvider: new ProjectOptions(ProjectDirectory),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the generated source (null when none), its diagnostics, and the output compilation.</summary>
    public static GeneratorRun Run(string source, bool interceptorsEnabled = true, bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var compilation = CreateCompilation(source, interceptorsEnabled, executable: executable, languageVersion: languageVersion);
        var driver = CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw", result.Exception);
        }

        // Tracentic's diagnostics come from two places, as in a real build: the generator (TRC100, TRC109) and the
        // analyzer that shares its call classifier (every call left untraced, every attribute without effect).
        var analyzerDiagnostics = output
            .WithAnalyzers([new Tracentic.Generators.Analyzers.TracedCallAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var generated = result.GeneratedSources.Select(s => s.SourceText.ToString()).SingleOrDefault();
        return new GeneratorRun(generated, [.. result.Diagnostics, .. analyzerDiagnostics], diagnostics, (CSharpCompilation)output);
    }

    /// <summary>Generates, compiles without errors or warnings in generated code, and loads the assembly.</summary>
    public static (Assembly Assembly, GeneratorRun Run) CompileAndLoad(string source, bool executable = false)
    {
        var run = Run(source, executable: executable);
        using var stream = new MemoryStream();
        var emitted = run.Output.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error
            || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("Tracentic.Interceptors.g.cs") == true)).ToList();
        if (!emitted.Success || problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Compilation failed:\n" + string.Join("\n", problems) + "\n\nGenerated source:\n" + run.GeneratedSource);
        }

        return (Assembly.Load(stream.ToArray()), run);
    }

    private sealed class ProjectOptions(string projectDirectory) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(new Dictionary<string, string> { ["build_property.ProjectDir"] = projectDirectory + "/" });

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

/// <param name="GeneratorDiagnostics">What Tracentic reports: the generator's diagnostics and the traced-call analyzer's (pragma-suppressed ones excluded).</param>
internal sealed record GeneratorRun(
    string? GeneratedSource,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AllDiagnostics,
    CSharpCompilation Output)
{
    public IEnumerable<string> DiagnosticIds => GeneratorDiagnostics.Select(d => d.Id);
}
