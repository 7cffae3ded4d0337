using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

/// <summary>
/// Wraps every call to a <c>[TracenticScope]</c> or <c>[TracenticLlmCall]</c> method in an interceptor that
/// records through the Tracentic runtime. Calls it cannot wrap are reported (TRC1xx), never skipped silently.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TracenticInterceptorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, ct) => Parser.IsCandidate(node, ct), static (ctx, ct) => Parser.Parse(ctx, ct))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.CallSites);

        var diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        // Diagnostics about a method (no usage path, a bad override path) repeat for each of its calls. They are
        // placed back on the compilation's syntax trees only here, so #pragma and IDE squiggles work while the
        // cached models stay plain data.
        var report = diagnostics.Collect().Combine(context.CompilationProvider).WithTrackingName(TrackingNames.Report);
        context.RegisterSourceOutput(report, static (output, input) =>
        {
            var trees = input.Right.SyntaxTrees.ToDictionary(t => t.FilePath, t => t);
            foreach (var diagnostic in input.Left.Distinct())
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic(trees));
            }
        });

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

        return new ProjectSpec(enabled, string.IsNullOrWhiteSpace(projectDir) ? null : projectDir);
    }
}
