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
        var (pruned, prunedMembers, generatedCode) = EmitPruning(output, generatedSet, assemblyPath);
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
            Sites = CallSites.Find(pruned, generatedSet),
        };
    }

    /// <summary>
    /// Emits, cutting out generated members with errors until it succeeds. Errors come from binding the generated
    /// trees and, for interception (signature mismatches and the like), only from emitting the user's call sites.
    /// </summary>
    private static (CSharpCompilation, IReadOnlyList<string> Pruned, ImmutableArray<Diagnostic> GeneratedCode) EmitPruning(
        CSharpCompilation compilation, HashSet<SyntaxTree> generated, string assemblyPath)
    {
        var removed = new List<string>();
        var seen = new Dictionary<string, Diagnostic>();
        void Note(IEnumerable<Diagnostic> diagnostics)
        {
            foreach (var d in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && generated.Contains(t)))
            {
                seen.TryAdd(Compiler.Format(d) + d.Location.SourceSpan, d);
            }
        }

        for (var round = 0; round < 12; round++)
        {
            var bound = DiagnosticsIn(compilation, generated).ToList();
            Note(bound);
            var errors = bound.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                using var image = new MemoryStream();
                var emitted = compilation.Emit(image);
                Note(emitted.Diagnostics);
                if (emitted.Success)
                {
                    File.WriteAllBytes(assemblyPath, image.ToArray());
                    WriteRuntimeFiles(Path.GetDirectoryName(assemblyPath)!);
                    return (compilation, removed, [.. seen.Values]);
                }

                errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && generated.Contains(t)).ToList();
                if (errors.Count == 0)
                {
                    throw new InvalidOperationException("The generated corpus build failed outside generated code:\n"
                        + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Compiler.Format)));
                }
            }

            compilation = Prune(compilation, generated, errors, removed);
        }

        throw new InvalidOperationException("The generated corpus build still failed after cutting out generated members:\n"
            + string.Join("\n", seen.Values.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Compiler.Format)));
    }

    private static CSharpCompilation Prune(CSharpCompilation compilation, HashSet<SyntaxTree> generated, List<Diagnostic> errors, List<string> removed)
    {
        foreach (var group in errors.GroupBy(e => e.Location.SourceTree!))
        {
            var root = group.Key.GetRoot();
            var members = group
                .Select(e => root.FindNode(e.Location.SourceSpan).AncestorsAndSelf().OfType<MemberDeclarationSyntax>()
                    .FirstOrDefault(m => m is MethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax or BaseTypeDeclarationSyntax))
                .Where(m => m is not null)
                .Distinct()
                .ToList();
            if (members.Count == 0)
            {
                throw new InvalidOperationException("An error in generated code is outside any member, nothing to cut out:\n" + string.Join("\n", group.Select(Compiler.Format)));
            }

            removed.AddRange(members.Select(m => m!.ToString().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('[') && !l.StartsWith("//", StringComparison.Ordinal)) ?? "?"));
            var newTree = group.Key.WithRootAndOptions(root.RemoveNodes(members!, SyntaxRemoveOptions.KeepNoTrivia)!, group.Key.Options);
            compilation = compilation.ReplaceSyntaxTree(group.Key, newTree);
            generated.Remove(group.Key);
            generated.Add(newTree);
        }

        return compilation;
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

        WriteRuntimeFiles(Path.GetDirectoryName(assemblyPath)!);
    }

    private static void WriteRuntimeFiles(string folder)
    {
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
