using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Interceptors;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>Every call the generator cannot wrap is reported with a TRC1xx diagnostic, never skipped silently.</summary>
public class DiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Tracentic;

        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } }

        """;

    private static Diagnostic Single(string code, string id)
    {
        var run = GeneratorHarness.Run(Prelude + code);
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", run.GeneratorDiagnostics)}");
        return matching[0];
    }

    [Fact]
    public void TRC100_interceptors_not_enabled_is_one_error_naming_the_msbuild_line_and_nothing_is_generated()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C { [TracenticScope] public void A() { } }
            public static class P { public static void Run() { new C().A(); new C().A(); new C().A(); } }
            """, interceptorsEnabled: false);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("TRC100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("<InterceptorsNamespaces>$(InterceptorsNamespaces);Tracentic.Generated</InterceptorsNamespaces>", diagnostic.GetMessage());
        Assert.Null(run.GeneratedSource);
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Id == "CS9137");
    }

    // Written in C# 7.3: no nullable annotations, no init accessors, no target-typed new.
    private const string OldLanguageProgram = """
        using System.Threading.Tasks;
        using Tracentic;

        public class Usage { public int InputTokens { get; set; } public int OutputTokens { get; set; } }
        public class Reply { public Usage Usage { get; set; } = new Usage(); }
        public class C
        {
            [TracenticScope] public void A([TracenticAttribute("k")] string k) { }
            [TracenticLlmCall(Provider = "p")] public Task<Reply> AskAsync([TracenticAttribute("user")] string user) { return Task.FromResult(new Reply()); }
        }
        public static class P { public static void Run() { new C().A("x"); new C().A("y"); new C().AskAsync("u"); } }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, "7.3")]
    [InlineData(LanguageVersion.CSharp8, "8")]
    [InlineData(LanguageVersion.CSharp9, "9")]
    [InlineData(LanguageVersion.CSharp10, "10")]
    public void TRC113_below_CSharp_11_nothing_is_generated_and_one_warning_says_what_to_set(LanguageVersion version, string written)
    {
        var run = GeneratorHarness.Run(OldLanguageProgram, languageVersion: version);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("TRC113", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("<LangVersion>11</LangVersion>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"compiles as C# {written},", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Null(run.GeneratedSource);
        Assert.Empty(run.AllDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("TRC", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    public void From_CSharp_11_calls_are_traced_and_the_generated_code_compiles_cleanly(LanguageVersion version)
    {
        var run = GeneratorHarness.Run(OldLanguageProgram, languageVersion: version);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Id != "TRC106"));
        Assert.NotNull(run.GeneratedSource);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // Captured attribute lists: a collection expression from C# 12, an array before.
        Assert.Contains(version >= LanguageVersion.CSharp12 ? "attributes: [new(" : "attributes: new global::System.Collections.Generic.KeyValuePair<string, object?>[] {", run.GeneratedSource);
    }

    [Fact]
    public void TRC101_method_groups_and_delegates()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C { [TracenticLlmCall(Provider = "p")] public Reply Ask(int n) => new(); }
            public static class P
            {
                public static void Run()
                {
                    var c = new C();
                    Func<int, Reply> f = c.Ask;
                    var all = new[] { 1, 2 }.Select(c.Ask).ToList();
                    var explicitDelegate = new Func<int, Reply>(c.Ask);
                    var fine = nameof(C.Ask);
                }
            }
            """);

        Assert.Equal(3, run.GeneratorDiagnostics.Count(d => d.Id == "TRC101"));
        Assert.All(run.GeneratorDiagnostics.Where(d => d.Id == "TRC101"), d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void TRC102_base_calls_are_skipped()
    {
        var diagnostic = Single("""
            public class B { [TracenticScope] public virtual void Run() { } }
            public class D : B { public override void Run() => base.Run(); }
            """, "TRC102");
        Assert.Contains("base.Run()", diagnostic.GetMessage());
    }

    [Fact]
    public void TRC103_calls_in_expression_trees_and_queryable_queries_are_skipped()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C { [TracenticScope] public int Score(int n) => n; }
            public static class P
            {
                public static void Run(IQueryable<int> q)
                {
                    var c = new C();
                    Expression<Func<int>> tree = () => c.Score(1);
                    var query = from n in q where c.Score(n) > 0 select n;
                    Func<int> lambda = () => c.Score(2); // a plain lambda is traced
                }
            }
            """);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "TRC103"));
        Assert.Single(Regex.Matches(run.GeneratedSource!, @"InterceptsLocation\(")); // only the plain lambda's call was intercepted
    }

    [Fact]
    public void TRC104_async_void()
    {
        Single("""
            public class C { [TracenticScope] public async void Fire() => await Task.Yield(); }
            public static class P { public static void Run() => new C().Fire(); }
            """, "TRC104");
    }

    [Fact]
    public void TRC105_by_ref_and_ref_struct_returns()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C
            {
                private int _value;
                [TracenticScope] public ref int Value() => ref _value;
                [TracenticScope] public Span<int> Slice() => default;
            }
            public static class P { public static void Run() { var c = new C(); c.Value() = 1; c.Slice(); } }
            """);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "TRC105"));
    }

    [Fact]
    public void TRC106_no_usage_path_is_a_warning_once_per_method_and_the_span_is_still_recorded()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C { [TracenticLlmCall(Provider = "p")] public string Ask() => ""; }
            public static class P { public static void Run() { new C().Ask(); new C().Ask(); } }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "TRC106");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'C.Ask' returns 'string'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("InputTokens = \"Usage.Input\"", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(run.GeneratedSource!, @"InterceptsLocation\(").Count);
    }

    [Fact]
    public void TRC107_override_path_that_does_not_exist_is_an_error_at_the_attribute()
    {
        var source = Prelude + """
            public class C
            {
                [TracenticLlmCall(Provider = "p", InputTokens = "Usage.PromptTokens", OutputTokens = "Usage.OutputTokens")]
                public Reply Ask() => new();
            }
            public static class P { public static void Run() => new C().Ask(); }
            """;
        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "TRC107");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("PromptTokens", diagnostic.GetMessage());
        var attributeLine = source.Split('\n').ToList().FindIndex(l => l.Contains("[TracenticLlmCall", StringComparison.Ordinal));
        Assert.Equal(attributeLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Null(run.GeneratedSource); // the method is not wrapped with a wrong path
    }

    [Fact]
    public void Valid_override_paths_are_read_as_given()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed class Meta { public long Prompt { get; init; } public long Completion { get; init; } public string Name { get; init; } = ""; }
            public sealed class Odd { public Meta Meta { get; init; } = new(); }
            public class C
            {
                [TracenticLlmCall(Provider = "p", InputTokens = "Meta.Prompt", OutputTokens = "Meta.Completion", ResponseModel = "Meta.Name")]
                public Odd Ask() => new();
            }
            public static class P { public static void Run() => new C().Ask(); }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("var meta = response.Meta;", run.GeneratedSource);
        Assert.Contains("return new(meta?.Prompt, meta?.Completion, meta?.Name);", run.GeneratedSource);
    }

    [Fact]
    public void TRC108_types_generated_code_cannot_name_and_private_members_of_static_classes()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class Outer
            {
                private sealed class Secret { }
                [TracenticScope] private static void Use(Secret s) { }
                public static void Run() => Use(new Secret());
            }
            public static class Helpers
            {
                [TracenticScope] private static void Hidden() { }
                public static void Run() => Hidden();
            }
            """);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "TRC108"));
    }

    [Fact]
    public async Task TRC108_generic_private_methods_before_net9()
    {
        var source = Prelude + """
            public class C
            {
                [TracenticScope] private void Generic<T>(T value) { }
                public void Run() => Generic(1);
            }
            """;
        var compilation = CSharpCompilation.Create("Net8App",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions(), "/src/App/Program.cs")],
            [.. Basic.Reference.Assemblies.Net80.References.All, MetadataReference.CreateFromFile(typeof(TracenticSdk).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var reported = compilation.WithAnalyzers([new Tracentic.Generators.Analyzers.TracedCallAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var diagnostic = Assert.Single(await reported, d => d.Id == "TRC108");
        Assert.Contains(".NET 9", diagnostic.GetMessage());
    }

    [Fact]
    public void TRC110_calls_through_a_type_parameter_that_may_be_a_struct_or_to_a_static_abstract_member_are_left_as_written()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public interface ICounter { [TracenticScope] void Bump(); [TracenticScope] static abstract ICounter Create(); }
            public static class P
            {
                public static void Struct<T>(ref T counter) where T : ICounter => counter.Bump();
                public static void Static<T>() where T : ICounter => T.Create();
                public static void Class<T>(T counter) where T : class, ICounter => counter.Bump(); // traced: no copy possible
            }
            """);

        var diagnostics = run.GeneratorDiagnostics.Where(d => d.Id == "TRC110").ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("boxed copy", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("static abstract", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(run.GeneratedSource!, @"InterceptsLocation\("));
    }

    [Fact]
    public void TRC111_an_attribute_on_an_operator_or_conversion_is_reported_at_the_member()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public readonly record struct Money(decimal Amount)
            {
                [TracenticScope] public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);
                [TracenticLlmCall(Provider = "p")] public static implicit operator decimal(Money m) => m.Amount;
            }
            """);

        var diagnostics = run.GeneratorDiagnostics.Where(d => d.Id == "TRC111").ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Contains("operator", d.Location.SourceTree!.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void TRC108_local_functions_file_local_types_arglist_and_implicit_calls_are_reported()
    {
        var run = GeneratorHarness.Run(Prelude + """
            file sealed class Hidden { [TracenticScope] public void Run() { } public void Go() => Run(); }
            public class Bag : System.Collections.IEnumerable
            {
                [TracenticScope] public void Add(int item) { }
                [TracenticScope] public void Vararg(__arglist) { }
                public System.Collections.IEnumerator GetEnumerator() => Array.Empty<int>().GetEnumerator();
                public void Go()
                {
                    [TracenticScope] void Local() { }
                    Local();
                    Vararg(__arglist(1));
                    _ = new Bag { 1 };
                }
            }
            """);

        var messages = run.GeneratorDiagnostics.Where(d => d.Id == "TRC108").Select(d => d.GetMessage()).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.Contains("file-local", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("local function", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("__arglist", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("implied by the syntax", StringComparison.Ordinal));
        Assert.Null(run.GeneratedSource);
    }

    [Fact]
    public void TRC112_calls_on_this_inside_a_generic_struct_are_left_as_written_and_calls_on_variables_are_wrapped()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public struct Counter<T>
            {
                public int Count;
                [TracenticScope] public int Add(T item) => ++Count;
                [TracenticScope] public readonly int Peek() => Count;
                public int AddTwice(T item) { Add(item); return this.Add(item) + Peek(); }
            }
            public static class P { public static int Run() { var c = new Counter<int>(); return c.Add(1); } }
            """);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "TRC112"));
        Assert.Equal(2, Regex.Matches(run.GeneratedSource!, @"InterceptsLocation\(").Count); // Peek() on this, c.Add(1)
    }

    [Fact]
    public void TRC109_an_internal_fault_becomes_a_diagnostic_on_the_call_asking_for_a_bug_report()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void M() { N(); } void N() { } }", GeneratorHarness.ParseOptions(), "/src/App/C.cs");
        var call = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Single();

        var diagnostic = TracenticInterceptorGenerator.Parser.Fault(call, new InvalidOperationException("boom")).ToDiagnostic();

        Assert.Equal("TRC109", diagnostic.Id);
        Assert.Contains("InvalidOperationException: boom", diagnostic.GetMessage());
        Assert.Contains("please report it", diagnostic.GetMessage());
        Assert.Equal(call.Span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void Generator_diagnostics_are_in_source_so_pragma_suppresses_them()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public class C { [TracenticLlmCall(Provider = "p")] public Reply Ask(int n) => new(); }
            public static class P
            {
                public static void Run()
                {
            #pragma warning disable TRC101 // this delegate is deliberately untraced
                    Func<int, Reply> quiet = new C().Ask;
            #pragma warning restore TRC101
                    Func<int, Reply> loud = new C().Ask;
                }
            }
            """);

        // Reported by an analyzer, so #pragma works as for any warning: only the unsuppressed delegate is shown.
        var shown = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "TRC101");
        Assert.True(shown.Location.IsInSource);
        var line = shown.Location.SourceTree!.GetText().Lines[shown.Location.GetLineSpan().StartLinePosition.Line].ToString();
        Assert.Contains("loud", line);
    }

    [Fact]
    public void Nothing_happens_when_Tracentic_is_not_referenced()
    {
        var compilation = CSharpCompilation.Create("Plain",
            [CSharpSyntaxTree.ParseText("public static class P { public static void Run() => System.Console.WriteLine(); }", GeneratorHarness.ParseOptions())],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }
}
