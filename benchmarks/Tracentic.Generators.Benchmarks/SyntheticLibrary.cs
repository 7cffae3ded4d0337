using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// Source shaped like a real library: most invocations are ordinary (BCL, LINQ with lambdas, a builder chain,
/// the library's own helpers and instance members, extension methods); a few are calls to annotated methods,
/// some of them through an interface or an override.
/// </summary>
internal static class SyntheticLibrary
{
    /// <summary>Invocations written by one <see cref="OrdinaryBlock"/>.</summary>
    public const int InvocationsPerOrdinaryBlock = 22;

    public static CSharpParseOptions ParseOptions { get; } =
        new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Tracentic.Generated")]);

    public static IReadOnlyList<MetadataReference> References { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location)];

    /// <summary>
    /// The source texts: the annotated API and the helpers, then <paramref name="files"/> files of
    /// <paramref name="blocksPerFile"/> × <see cref="InvocationsPerOrdinaryBlock"/> ordinary invocations and
    /// <paramref name="tracedPerFile"/> traced ones.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(int files, int blocksPerFile, int tracedPerFile)
    {
        var sources = new List<(string, string)> { ("/lib/Api.cs", Api) };
        for (var file = 0; file < files; file++)
        {
            sources.Add(($"/lib/Feature{file}.cs", Feature(file, blocksPerFile, tracedPerFile)));
        }

        return sources;
    }

    public static CSharpCompilation Compile(IReadOnlyList<(string Path, string Text)> sources) =>
        CSharpCompilation.Create("Library",
            sources.Select(static s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>How many calls the generator intercepted: fails the setup when the source and the generator disagree.</summary>
    public static int InterceptedSites(GeneratorDriverRunResult result) =>
        result.Results[0].GeneratedSources.Sum(static s => s.SourceText.ToString().Split("InterceptsLocation(1,").Length - 1);

    private const string Api = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Tracentic;

        namespace Library;

        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } public string? Model { get; init; } }

        public interface IChat
        {
            [TracenticLlmCall(Provider = "openai", OperationType = "chat")]
            Task<Reply> ChatAsync([TracenticModel] string model, string prompt);
        }

        public class ChatClient : IChat
        {
            public Task<Reply> ChatAsync(string model, string prompt) => Task.FromResult(new Reply { Model = model });
        }

        public abstract class Step
        {
            [TracenticScope]
            public virtual int Execute(int input) => input;
        }

        public sealed class DoubleStep : Step
        {
            public override int Execute(int input) => input * 2;
        }

        public static class Pipeline
        {
            [TracenticScope("pipeline")]
            public static async Task<int> RunAsync([TracenticAttribute("user_id")] string user, int n) { await Task.Yield(); return n; }

            [TracenticLlmCall(Provider = "anthropic")]
            public static Reply Complete(string prompt) => new();
        }

        public static class Helpers
        {
            public static int Clamp(int value, int min, int max) => Math.Min(Math.Max(value, min), max);
            public static string Key(string prefix, int id) => string.Concat(prefix, ":", id.ToString());
            public static bool IsEven(this int value) => value % 2 == 0;
            public static IEnumerable<T> NonNull<T>(this IEnumerable<T?> items) where T : class => items.Where(static i => i is not null)!;
        }
        """;

    private static string Feature(int index, int ordinaryBlocks, int traced)
    {
        var text = new StringBuilder();
        text.AppendLine("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            namespace Library;

            """);
        text.AppendLine($"public sealed class Feature{index}");
        text.AppendLine("{");
        text.AppendLine("    private readonly Dictionary<string, int> _cache = new();");
        text.AppendLine("    private readonly IChat _chat = new ChatClient();");
        text.AppendLine("    private readonly Step _step = new DoubleStep();");
        text.AppendLine("    private int Weight(int n) => n * 3;");
        text.AppendLine();

        var tracedLeft = traced;
        for (var block = 0; block < ordinaryBlocks; block++)
        {
            text.AppendLine($"    public async Task<int> Work{block}(string name, int n, List<string?> items)");
            text.AppendLine("    {");
            text.Append(OrdinaryBlock(block));
            // Spread the traced calls over the methods, as a library calls its traced entry points here and there.
            var tracedHere = tracedLeft / (ordinaryBlocks - block);
            for (var call = 0; call < tracedHere; call++, tracedLeft--)
            {
                text.AppendLine(((index + tracedLeft) % 5) switch
                {
                    0 => "        total += (await _chat.ChatAsync(\"gpt-4o\", name)).Model?.Length ?? 0;",
                    1 => "        total += _step.Execute(total);",
                    2 => "        total += await Pipeline.RunAsync(name, n);",
                    3 => "        total += Pipeline.Complete(name).Model?.Length ?? 0;",
                    _ => "        total += (await new ChatClient().ChatAsync(\"gpt-4o-mini\", name)).Model?.Length ?? 0;",
                });
            }

            text.AppendLine("        return total;");
            text.AppendLine("    }");
            text.AppendLine();
        }

        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary><see cref="InvocationsPerOrdinaryBlock"/> invocations of the kinds a library is made of.</summary>
    private static string OrdinaryBlock(int block) => $$"""
                var total = Helpers.Clamp(n, 0, {{block + 10}});
                var key = Helpers.Key(name.Trim(), n);
                if (!_cache.TryGetValue(key, out var cached))
                {
                    cached = items.NonNull().Where(static s => s.Length > {{block % 7}}).Select(static s => s.Length).Sum();
                    _cache.Add(key, cached);
                }

                var builder = new StringBuilder().Append(name).Append('-').Append(cached);
                total += builder.ToString().Length + Math.Abs(cached) + Weight(total);
                total += string.Join(",", items).Length + (total.IsEven() ? 1 : 0);
                var names = items.OfType<string>().OrderBy(static s => s, StringComparer.Ordinal).ToList();
                total += names.Count > 0 ? names[0].IndexOf('a', StringComparison.Ordinal) : Console.Out.Encoding.CodePage;
                await Task.Delay(0);

        """;
}
