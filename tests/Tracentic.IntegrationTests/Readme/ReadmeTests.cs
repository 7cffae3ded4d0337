using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Interceptors;
using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Testing;

namespace Tracentic.IntegrationTests.Readme;

/// <summary>
/// Every C# block of the README and of the pages in docs/ compiles, with the generator, warning-free: the
/// documentation cannot drift from the code.
/// </summary>
public class ReadmeTests
{
    private static readonly string ReadmeText = File.ReadAllText(Repository.PathOf("README.md"));

    /// <summary>README.md, then every docs/*.md, as paths relative to the repository root.</summary>
    private static readonly string[] Documents =
    [
        "README.md",
        .. Directory.GetFiles(Repository.PathOf("docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal),
    ];

    private static readonly IReadOnlyList<ReadmeBlock> Blocks =
        [.. Documents.SelectMany(document => ReadmeBlocks.Parse(File.ReadAllText(Repository.PathOf(document)), document))];

    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The shared frameworks a web project compiles against, plus the Tracentic assemblies, Microsoft.Extensions.AI and the provider SDKs.
        var frameworks = new[] { typeof(object).Assembly.Location, typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location }
            .Select(Path.GetDirectoryName)
            .Distinct()
            .SelectMany(directory => Directory.EnumerateFiles(directory!, "*.dll"))
            .Where(IsManagedAssembly);
        var own = new[]
        {
            typeof(TracenticSdk).Assembly.Location,
            typeof(Tracentic.AspNetCore.TracenticAspNetCoreOptions).Assembly.Location,
            typeof(Tracentic.Local.LocalReceiver).Assembly.Location,
            typeof(Microsoft.Extensions.AI.ChatResponse).Assembly.Location,
            // The provider SDKs of the README's recommended method shapes.
            typeof(OpenAI.Chat.ChatClient).Assembly.Location,
            typeof(System.ClientModel.ClientResult).Assembly.Location,
            typeof(Anthropic.AnthropicClient).Assembly.Location,
            typeof(OpenTelemetry.Trace.TracenticTracerProviderBuilderExtensions).Assembly.Location,
        }.Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "OpenTelemetry*.dll")); // the SDK, hosting, OTLP exporter, ASP.NET Core instrumentation
        return [.. frameworks.Concat(own).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    public static TheoryData<string, int> BlockLines()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in Blocks)
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Slow")] // a compilation against the whole ASP.NET Core shared framework per block (about 9 s of CPU): left out of the fast loop (README, "Running the tests")
    [MemberData(nameof(BlockLines))]
    public void Csharp_block_compiles_with_the_generator(string file, int line)
    {
        var block = Blocks.Single(b => b.File == file && b.Line == line);
        var (diagnostics, generated) = Compile(block);

        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !block.ExpectedDiagnostics.Contains(d.Id)).ToList();
        Assert.True(problems.Count == 0, $"{block} does not compile cleanly:\n{string.Join("\n", problems)}\n\n{block.Code}\n\nGenerated:\n{generated}");
        foreach (var id in block.ExpectedDiagnostics)
        {
            Assert.True(diagnostics.Any(d => d.Id == id), $"{block} is meant to show {id}, but the build reported: {string.Join("; ", diagnostics)}");
        }
    }

    [Fact]
    public void The_readme_has_csharp_blocks_of_every_kind()
    {
        Assert.True(Blocks.Count >= 15, $"only {Blocks.Count} C# blocks were found");
        Assert.Contains(Blocks, b => b.Kind == BlockKind.File);
        Assert.Contains(Blocks, b => b.Kind == BlockKind.WebFile);
        Assert.Contains(Blocks, b => b.Kind == BlockKind.Fragment);
        Assert.Contains(Blocks, b => b.ExpectedDiagnostics.Count > 0);
    }

    [Fact]
    public void The_top_gives_the_two_commands_and_the_test_command_is_what_CI_runs()
    {
        var top = ReadmeText[..ReadmeText.IndexOf("## What it is", StringComparison.Ordinal)];
        Assert.Contains("dotnet run --project samples/Tracentic.Samples.Console", top, StringComparison.Ordinal);
        Assert.Contains("\ndotnet test ", top, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf("samples/Tracentic.Samples.Console/Tracentic.Samples.Console.csproj")));
        var ci = File.ReadAllLines(Repository.PathOf(".ci/run")).Where(l => !l.TrimStart().StartsWith('#')).Select(l => l.Trim());
        Assert.Contains("dotnet test", ci);
    }

    [Fact]
    public void The_readme_is_a_landing_page_of_at_most_400_lines_and_the_docs_hold_the_reference()
    {
        Assert.True(ReadmeText.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length <= 400, "README.md is the NuGet landing page: reference material goes to docs/");
        Assert.Contains(Documents, d => d == "docs/architecture.md");
    }

    [Fact]
    public void Every_diagnostic_id_is_in_the_generator_docs()
    {
        var ids = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Repository.PathOf("src/Tracentic.Generators/Diagnostics/DiagnosticIds.cs")), "\"(TRC\\d{3})\"")
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(ids);
        var generatorDocs = File.ReadAllText(Repository.PathOf("docs/generator.md"));
        Assert.All(ids, id => Assert.Contains($"| {id} |", generatorDocs, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_option_is_in_the_configuration_reference()
    {
        var options = typeof(TracenticOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
        var configurationDocs = File.ReadAllText(Repository.PathOf("docs/configuration.md"));
        Assert.All(options, name => Assert.Contains($"| `{name}` |", configurationDocs, StringComparison.Ordinal));
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, string Generated) Compile(ReadmeBlock block)
    {
        var parseOptions = InterceptorParseOptions.Create();
        var usings = block.Kind == BlockKind.File ? ConsoleUsings : WebUsings;
        var globalUsings = string.Join("\n", usings.Select(u => $"global using global::{u};"));
        var source = block.Kind == BlockKind.Fragment
            ? $$"""
                using Microsoft.Extensions.AI;
                using Tracentic;
                using Tracentic.AspNetCore;
                using Tracentic.Local;

                public static class ReadmeFragment
                {
                    public static async Task RunAsync(ITracentic tracentic, WebApplicationBuilder builder, IServiceCollection services, IChatClient chat)
                    {
                #line {{block.Line}} "{{block.File}}"
                {{block.Code}}
                #line default
                        await Task.CompletedTask;
                    }
                }
                """
            : $"#line {block.Line} \"{block.File}\"\n{block.Code}";

        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(globalUsings, parseOptions, "/readme/GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(source, parseOptions, "/readme/Block.cs"),
        };
        var topLevel = trees[1].GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "ReadmeBlock" + block.Line + "_" + Path.GetFileNameWithoutExtension(block.File).Replace('-', '_'),
            trees,
            References.Value,
            new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new TracenticInterceptorGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            optionsProvider: new ProjectDirectoryOptions("/readme/"));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException($"The generator threw on {block}", result.Exception);
        }

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));

        // As in a real build, Tracentic's analyzers run too: they report the calls the generator leaves as written.
        var analyzerDiagnostics = output
            .WithAnalyzers([new Tracentic.Generators.Analyzers.TracedCallAnalyzer(), new Tracentic.Generators.Analyzers.ScopeHeaderAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return ([.. generatorDiagnostics, .. emitted.Diagnostics, .. analyzerDiagnostics], generated);
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
