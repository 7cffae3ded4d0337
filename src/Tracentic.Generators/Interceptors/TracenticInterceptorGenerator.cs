using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

/// <summary>
/// Wraps every call to a <c>[TracenticScope]</c> or <c>[TracenticLlmCall]</c> method in an interceptor that
/// records through the Tracentic runtime. Calls it cannot wrap are reported by <see cref="Analyzers.TracedCallAnalyzer"/>
/// (TRC1xx), never skipped silently.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TracenticInterceptorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Per file, only the calls whose written name an annotated method has are bound (Parser.ParseTree); the
        // file's text says where they are, so no syntax node is visited to find them. Like a syntax provider's
        // transform, a file is read again whenever the compilation changes: a call's answer may change with any edit.
        var results = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees.Select(tree => new FileOfCompilation(compilation, tree)))
            .Select(static (file, ct) => Parser.ParseTree(file.Compilation, file.Tree, ct))
            .SelectMany(static (results, _) => results)
            .WithTrackingName(TrackingNames.CallSites);

        // Which calls cannot be wrapped, and why, is the analyzer's to say (TracedCallAnalyzer, same classifier).
        // The generator reports only what it alone knows: a fault of its own, and interceptors not being enabled.
        var faults = results
            .Where(static result => result.Fault is not null)
            .Select(static (result, _) => result.Fault!)
            .WithTrackingName(TrackingNames.Faults);
        context.RegisterSourceOutput(faults, static (output, fault) => output.ReportDiagnostic(fault.ToDiagnostic()));

        var sites = results
            .Where(static result => result.Site is not null)
            .Select(static (result, _) => result.Site!)
            .Collect()
            .WithTrackingName(TrackingNames.Sites);

        var project = context.ParseOptionsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => ReadProject(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Project);

        var emit = sites.Combine(project).WithTrackingName(TrackingNames.Emit);
        context.RegisterSourceOutput(emit, static (output, input) => Emitter.Emit(output, input.Left, input.Right));
    }

    /// <summary>One file to search, with the compilation its calls are bound in.</summary>
    private readonly record struct FileOfCompilation(Compilation Compilation, SyntaxTree Tree);

    private static ProjectSpec ReadProject(ParseOptions parseOptions, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options)
    {
        var enabled = false;
        foreach (var feature in new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" })
        {
            if (parseOptions is CSharpParseOptions csharp && csharp.Features.TryGetValue(feature, out var namespaces))
            {
                enabled |= namespaces.Split(';').Any(n => n.Trim() == TypeNames.GeneratedNamespace);
            }
        }

        options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDir);
        if (string.IsNullOrWhiteSpace(projectDir))
        {
            options.GlobalOptions.TryGetValue("build_property.MSBuildProjectDirectory", out projectDir);
        }

        var version = parseOptions is CSharpParseOptions { LanguageVersion: var language } ? (int)language : (int)LanguageVersion.Latest;
        return new ProjectSpec(enabled, string.IsNullOrWhiteSpace(projectDir) ? null : projectDir, version);
    }
}
