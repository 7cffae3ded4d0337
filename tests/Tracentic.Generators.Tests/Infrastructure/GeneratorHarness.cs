using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Testing;

namespace Tracentic.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles user code with the interceptor generator in memory, the way the compiler runs it: the shared
/// <see cref="TestCompiler"/>, with the provider SDKs referenced and the traced-call analyzer run after the generator.
/// </summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = TestCompiler.ProjectDirectory;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_providerReferences = new(() =>
    [
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatResponse).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenAI.Chat.ChatCompletion).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.ClientModel.ClientResult).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(BinaryData).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Anthropic.Models.Messages.Message).Assembly.Location),
    ]);

    private static CompileSettings Settings(bool interceptorsEnabled = true, bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest) => new()
    {
        Interceptors = interceptorsEnabled,
        LanguageVersion = languageVersion,
        Kind = executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
        AdditionalReferences = s_providerReferences.Value,
    };

    public static CSharpParseOptions ParseOptions(bool interceptorsEnabled = true, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        TestCompiler.ParseOptions(Settings(interceptorsEnabled, languageVersion: languageVersion));

    public static CSharpCompilation CreateCompilation(string source, bool interceptorsEnabled = true, string path = ProjectDirectory + "/Program.cs", bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        CreateCompilation([(path, source)], interceptorsEnabled, executable, languageVersion);

    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Source)> sources, bool interceptorsEnabled = true, bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        TestCompiler.Create("App" + Guid.NewGuid().ToString("N"), sources, Settings(interceptorsEnabled, executable, languageVersion));

    public static GeneratorDriver CreateDriver(CSharpCompilation compilation, bool trackSteps = false) =>
        TestCompiler.CreateDriver(compilation, trackSteps: trackSteps);

    /// <summary>Runs the generator; returns the generated source (null when none), its diagnostics, and the output compilation.</summary>
    public static GeneratorRun Run(string source, bool interceptorsEnabled = true, bool executable = false, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        var generation = TestCompiler.Generate(CreateCompilation(source, interceptorsEnabled, executable: executable, languageVersion: languageVersion));

        // Tracentic's diagnostics come from two places, as in a real build: the generator (TRC100, TRC109) and the
        // analyzer that shares its call classifier (every call left untraced, every attribute without effect).
        var analyzerDiagnostics = TestCompiler.AnalyzeAsync(generation.Output, [new Tracentic.Generators.Analyzers.TracedCallAnalyzer()]).GetAwaiter().GetResult();
        return new GeneratorRun(generation.GeneratedSource, [.. generation.GeneratorDiagnostics, .. analyzerDiagnostics], generation.OutputDiagnostics, generation.Output);
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
