using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>
/// One build of the corpus program. With the generator, errors in generated code would stop the whole differential,
/// so the generated members holding them are cut out (their calls then run unintercepted) and listed in
/// <see cref="Pruned"/>; a separate test fails on them.
/// </summary>
internal sealed class CorpusBuild
{
    public required string Name { get; init; }

    public required string Directory { get; init; }

    public required string AssemblyPath { get; init; }

    public required CSharpCompilation Compilation { get; init; }

    public ImmutableArray<SyntaxTree> Generated { get; init; } = [];

    /// <summary>Diagnostics of the generator and the analyzers (user code compiles: the truth build proves it).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Diagnostics in generated code before pruning (errors and warnings).</summary>
    public ImmutableArray<Diagnostic> GeneratedCodeDiagnostics { get; init; } = [];

    /// <summary>Generated members removed because they did not compile (first line of each).</summary>
    public IReadOnlyList<string> Pruned { get; init; } = [];

    public IReadOnlyList<CallSite> Sites { get; init; } = [];

    public static IReadOnlyList<(string Path, string Text)> LoadCorpus()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus");
        return [.. System.IO.Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => (Compiler.ProjectDirectory + "/Corpus/" + Path.GetFileName(f), File.ReadAllText(f)))];
    }

    public static async Task<CorpusBuild> CreateAsync(string name, string root, bool generator)
    {
        var sources = LoadCorpus();
        var compilation = Compiler.Create("Corpus", sources, generator, OutputKind.ConsoleApplication);
        var directory = Path.Combine(root, name);
        System.IO.Directory.CreateDirectory(directory);
        var assemblyPath = Path.Combine(directory, "Corpus.dll");

        if (!generator)
        {
            Emit(compilation, assemblyPath, name);
            return new CorpusBuild { Name = name, Directory = directory, AssemblyPath = assemblyPath, Compilation = compilation, Diagnostics = compilation.GetDiagnostics() };
        }

        var (output, generatorDiagnostics, generated) = Compiler.Generate(compilation);
        foreach (var tree in generated)
        {
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(tree.FilePath)), tree.ToString());
        }

        var analyzerDiagnostics = await Compiler.AnalyzeAsync(output);
        var generatedSet = generated.ToHashSet();
        var generatedCode = DiagnosticsIn(output, generatedSet).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        var (pruned, prunedMembers) = Prune(output, generatedSet);
        var currentGenerated = pruned.SyntaxTrees.Where(t => !compilation.SyntaxTrees.Contains(t)).ToHashSet();
        Emit(pruned, assemblyPath, name);
        return new CorpusBuild
        {
            Name = name,
            Directory = directory,
            AssemblyPath = assemblyPath,
            Compilation = pruned,
            Generated = generated,
            Diagnostics = [.. generatorDiagnostics, .. analyzerDiagnostics],
            GeneratedCodeDiagnostics = generatedCode,
            Pruned = prunedMembers,
            Sites = CallSites.Find(pruned, currentGenerated),
        };
    }

    private static (CSharpCompilation, IReadOnlyList<string>) Prune(CSharpCompilation compilation, HashSet<SyntaxTree> generated)
    {
        var removed = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var errors = DiagnosticsIn(compilation, generated).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                break;
            }

            foreach (var group in errors.GroupBy(e => e.Location.SourceTree!))
            {
                var root = group.Key.GetRoot();
                var members = group
                    .Select(e => root.FindNode(e.Location.SourceSpan).AncestorsAndSelf().OfType<MemberDeclarationSyntax>()
                        .FirstOrDefault(m => m is MethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or BaseTypeDeclarationSyntax))
                    .Where(m => m is not null)
                    .Distinct()
                    .ToList();
                removed.AddRange(members.Select(m => m!.ToString().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('[') && !l.StartsWith("//", StringComparison.Ordinal)) ?? "?"));
                var newRoot = root.RemoveNodes(members!, SyntaxRemoveOptions.KeepNoTrivia)!;
                var newTree = group.Key.WithRootAndOptions(newRoot, group.Key.Options);
                compilation = compilation.ReplaceSyntaxTree(group.Key, newTree);
                generated.Remove(group.Key);
                generated.Add(newTree);
            }
        }

        return (compilation, removed);
    }

    // Only the generated trees are examined: binding them binds what they call, not the whole corpus again.
    private static IEnumerable<Diagnostic> DiagnosticsIn(CSharpCompilation compilation, HashSet<SyntaxTree> generated) =>
        generated.SelectMany(tree => compilation.GetSemanticModel(tree).GetDiagnostics());

    private static void Emit(CSharpCompilation compilation, string assemblyPath, string name)
    {
        using (var stream = File.Create(assemblyPath))
        {
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException($"The {name} corpus build failed:\n" + string.Join("\n",
                    result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Compiler.Format)));
            }
        }

        var folder = Path.GetDirectoryName(assemblyPath)!;
        var version = Environment.Version.ToString(3);
        File.WriteAllText(Path.Combine(folder, "Corpus.runtimeconfig.json"),
            "{\"runtimeOptions\":{\"tfm\":\"net10.0\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + version + "\"}}}");
        // The runtime engine and what it needs beyond the shared framework, as this test process loaded them.
        var tracentic = typeof(TracenticSdk).Assembly;
        var runtimeDirectory = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        foreach (var assembly in new[] { tracentic }.Concat(tracentic.GetReferencedAssemblies().Select(System.Reflection.Assembly.Load)))
        {
            if (assembly.Location.Length > 0 && !Path.GetFullPath(assembly.Location).StartsWith(runtimeDirectory, StringComparison.Ordinal))
            {
                File.Copy(assembly.Location, Path.Combine(folder, Path.GetFileName(assembly.Location)), overwrite: true);
            }
        }
    }
}
