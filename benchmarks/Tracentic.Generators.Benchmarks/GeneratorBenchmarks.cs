using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Benchmarks;

/// <summary>A cold generator run over a compilation with 10,000 annotated call sites in 100 files.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Files = 100;
    private const int CallsPerFile = 100;
    private CSharpCompilation _compilation = null!;

    internal CSharpCompilation Compilation => _compilation;
    private CSharpParseOptions _parseOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Tracentic.Generated")]);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(Shared, _parseOptions, "/bench/Shared.cs") };
        for (var file = 0; file < Files; file++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(CallerFile(file), _parseOptions, $"/bench/Caller{file}.cs"));
        }

        _compilation = CSharpCompilation.Create("Bench", trees,
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var check = Run();
        var generated = check.Results[0].GeneratedSources.Single().SourceText.ToString();
        var sites = generated.Split("InterceptsLocation(1,").Length - 1;
        if (sites != Files * CallsPerFile)
        {
            throw new InvalidOperationException($"expected {Files * CallsPerFile} intercepted sites, got {sites}");
        }
    }

    [Benchmark]
    public GeneratorDriverRunResult TenThousandCallSites() => Run();

    private GeneratorDriverRunResult Run() =>
        CSharpGeneratorDriver.Create([new TracenticInterceptorGenerator().AsSourceGenerator()], parseOptions: _parseOptions)
            .RunGenerators(_compilation)
            .GetRunResult();

    private const string Shared = """
        using System.Threading.Tasks;
        using Tracentic;

        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } public string? Model { get; init; } }

        public class Client
        {
            [TracenticScope("s0")] public int Scope0(int n) => n;
            [TracenticScope("s1")] public Task<int> Scope1(string s) => Task.FromResult(s.Length);
            [TracenticLlmCall(Provider = "openai")] public Reply Llm0(string p) => new();
            [TracenticLlmCall(Provider = "openai")] public Task<Reply> Llm1([TracenticModel] string model) => Task.FromResult(new Reply());
        }
        """;

    private static string CallerFile(int index)
    {
        var text = new StringBuilder();
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine($"public static class Caller{index}");
        text.AppendLine("{");
        text.AppendLine("    public static async Task Run(Client c)");
        text.AppendLine("    {");
        for (var call = 0; call < CallsPerFile; call++)
        {
            text.AppendLine((call % 4) switch
            {
                0 => $"        c.Scope0({call});",
                1 => $"        await c.Scope1(\"{call}\");",
                2 => $"        c.Llm0(\"p{call}\");",
                _ => $"        await c.Llm1(\"m{call}\");",
            });
            text.AppendLine($"        var unrelated{call} = string.Concat(\"a\", \"{call}\").Length + System.Math.Abs(-{call});");
        }

        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }
}
