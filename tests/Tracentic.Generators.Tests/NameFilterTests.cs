using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>
/// The generator binds only the calls named like an annotated method: every other invocation is dismissed by its
/// written name. The filter must never dismiss a call that <see cref="TracedMethod.Find"/> would trace.
/// </summary>
public class NameFilterTests
{
    private const string Prelude = "using System; using System.Linq; using System.Threading.Tasks; using System.Collections.Generic; using Tracentic;\n";

    [Fact]
    public void Only_calls_named_like_an_annotated_method_are_bound()
    {
        var compilation = GeneratorHarness.CreateCompilation(Prelude + """
            public class Client
            {
                [TracenticScope] public int Ask(int n) => n;
                [TracenticLlmCall(Provider = "p")] public string Complete(string prompt) => prompt;
            }
            public class Other { public int Ask(int n) => n; } // same name, not annotated: bound, then left alone
            public static class Program
            {
                public static int Run(Client client, Other other, List<int> list)
                {
                    var total = client.Ask(1) + client.Ask(2) + client?.Complete("x").Length ?? 0; // 3 traced
                    total += other.Ask(3);                                                      // 1 bound, untraced
                    list.Add(total); list.Sort(); Console.WriteLine(total);                     // and 10 unrelated calls
                    total += Math.Abs(total) + list.Where(static x => x > 1).Select(static x => x * 2).Sum();
                    total += string.Concat("a", total.ToString()).Length + nameof(Run).Length;
                    return total;
                }
            }
            """);
        var result = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation).GetRunResult().Results.Single();
        var names = TracedNames.Of(compilation, TracenticSymbols.From(compilation)!, CancellationToken.None); // the generator's, cached

        var invocations = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Count();
        Assert.Equal(14, invocations);
        Assert.Equal(4, names.BoundCalls);
        Assert.Equal(3, Wrapped(result.GeneratedSources.Single().SourceText.ToString()));
    }

    public static TheoryData<string, string, int> TracedShapes => new()
    {
        { "alias", "using Trace = Tracentic.TracenticScopeAttribute; public class C { [Trace] public int Go() => 1; public int R() => Go(); }", 1 },
        { "alias-suffix", "using TraceAttribute = Tracentic.TracenticLlmCallAttribute; public class C { [Trace(Provider = \"p\")] public int Go() => 1; public int R() => Go(); }", 1 },
        { "alias-in-namespace", "namespace N { using L = Tracentic.TracenticLlmCallAttribute; public class C { [L(Provider = \"p\")] public int Go() => 1; public int R() => Go(); } }", 1 },
        { "namespace-alias", "using T = Tracentic; public class C { [T.TracenticScope] public int Go() => 1; public int R() => Go(); }", 1 },
        { "qualified", "public class C { [Tracentic.TracenticScope] public int Go() => 1; [global::Tracentic.TracenticLlmCallAttribute(Provider = \"p\")] public int Ask() => 1; public int R() => Go() + Ask(); }", 2 },
        { "override", "public class B { [TracenticScope] public virtual int Go() => 1; } public class D : B { public override int Go() => 2; } public static class P { public static int R(D d, B b) => d.Go() + b.Go(); }", 2 },
        { "interface", "public interface I { [TracenticScope] int Go(); } public class C : I { public int Go() => 1; } public static class P { public static int R(C c, I i) => c.Go() + i.Go(); }", 2 },
        { "explicit-interface", "public interface I { [TracenticScope] int Go(); } public class C : I { int I.Go() => 1; } public static class P { public static int R(C c) => ((I)c).Go(); }", 1 },
        { "extension-method", "public static class E { [TracenticScope] public static int Go(this string s) => s.Length; } public static class P { public static int R() => \"x\".Go() + E.Go(\"y\"); }", 2 },
        { "extension-block", "public class K {} public static class E { extension(K k) { [TracenticScope] public int Go(int x) => x; [TracenticScope] public static int Make() => 1; } } public static class P { public static int R() => new K().Go(1) + K.Make(); }", 2 },
        { "generic-conditional", "public class C { [TracenticScope] public T Go<T>(T x) => x; } public static class P { public static int? R(C? c) => c?.Go<int>(1) + c!.Go(2); }", 2 },
        { "keyword-name", "public class C { [TracenticScope] public int @event() => 1; public int R() => @event() + this.@event(); }", 2 },
        { "unicode-escaped-name", "public class C { [TracenticScope] public int Go() => 1; public int R() => G\\u006F() + this.\\u0047o(); }", 2 },
        { "chained-and-nested", "public class C { [TracenticScope] public C Go(int x) => this; public int R() => Go(Go(1).Go(2).GetHashCode()).GetHashCode(); }", 3 },
        { "name-split-over-lines", "public class C { [TracenticScope] public int Go() => 1; public int R() => this\n    .Go\n    (); }", 1 },
    };

    [Theory]
    [MemberData(nameof(TracedShapes))]
    public void Every_way_of_reaching_an_annotated_method_is_still_wrapped(string shape, string source, int expected)
    {
        var run = GeneratorHarness.Run(Prelude + source);

        Assert.True(!run.Output.GetDiagnostics().Any(static d => d.Severity == DiagnosticSeverity.Error), $"{shape}: {string.Join("\n", run.Output.GetDiagnostics())}");
        Assert.Equal(expected, Wrapped(run.GeneratedSource));
    }

    [Fact]
    public void An_alias_declared_as_a_global_using_in_another_file_counts()
    {
        var compilation = GeneratorHarness.CreateCompilation([
            (GeneratorHarness.ProjectDirectory + "/Usings.cs", "global using Llm = Tracentic.TracenticLlmCallAttribute;"),
            (GeneratorHarness.ProjectDirectory + "/Program.cs", "public class C { [Llm(Provider = \"p\")] public int Go() => 1; public int R() => Go(); }"),
        ]);
        GeneratorHarness.CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(1, Wrapped(output.SyntaxTrees.Last().ToString()));
    }

    [Fact]
    public void Overrides_and_implementations_of_annotated_members_of_a_referenced_library_are_wrapped()
    {
        // The library reaches the app as metadata: the names come from its attributes, not from source.
        var library = GeneratorHarness.CreateCompilation("""
            using Tracentic;
            namespace Lib;
            public interface IChat { [TracenticLlmCall(Provider = "lib")] string Chat(string prompt); }
            public abstract class Step { [TracenticScope] public virtual int Execute(int n) => n; }
            public static class Tools { [TracenticScope] public static int Measure(this string s) => s.Length; }
            """, path: "/src/Library/Lib.cs");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var app = GeneratorHarness.CreateCompilation("""
            using Lib;
            public sealed class MyChat : IChat { public string Chat(string prompt) => prompt; }
            public sealed class MyStep : Step { public override int Execute(int n) => n * 2; }
            public static class Program
            {
                public static int Run(IChat chat, MyChat mine, MyStep step) =>
                    chat.Chat("a").Length + mine.Chat("b").Length + step.Execute(1) + "c".Measure() + Unrelated(2);
                private static int Unrelated(int n) => System.Math.Max(n, 1);
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var driver = GeneratorHarness.CreateDriver(app).RunGeneratorsAndUpdateCompilation(app, out var output, out _);

        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(4, Wrapped(driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString()));
        Assert.Equal(4, TracedNames.Of(app, TracenticSymbols.From(app)!, CancellationToken.None).BoundCalls); // Unrelated and Max are not bound
    }

    [Fact]
    public async Task Calls_the_compiler_implies_are_still_reported_when_their_method_is_annotated_in_source_or_in_a_library()
    {
        var library = GeneratorHarness.CreateCompilation("""
            using Tracentic;
            namespace Lib;
            public sealed class LibResource : System.IDisposable { [TracenticScope] void System.IDisposable.Dispose() { } }
            """, path: "/src/Library/Lib.cs");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var app = GeneratorHarness.CreateCompilation(Prelude + """
            public sealed class Sequence { public Cursor GetEnumerator() => new(); }
            public struct Cursor { [TracenticScope] public bool MoveNext() => false; public int Current => 0; }
            public static class P
            {
                public static void R()
                {
                    foreach (var item in new Sequence()) { }
                    using (new Lib.LibResource()) { }
                }
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var diagnostics = await app.WithAnalyzers([new Tracentic.Generators.Analyzers.TracedCallAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(2, diagnostics.Count(static d => d.Id == "TRC108" && d.GetMessage().Contains("implied by the syntax", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The filter against the rule it stands in for: in every call-shape probe of <see cref="WrappedOrReportedTests"/>
    /// and above, each invocation <see cref="TracedMethod.Find"/> traces passes the filter, in the generator (by the name
    /// its file's text spells) and in the analyzer (by its target's name).
    /// </summary>
    [Fact]
    public void No_call_that_Find_traces_is_dismissed_by_name()
    {
        var sources = WrappedOrReportedTests.Shapes.Select(static row => (string)row[1])
            .Concat(TracedShapes.Select(static row => (string)row[1]));
        var checkedCalls = 0;
        foreach (var source in sources)
        {
            var compilation = GeneratorHarness.CreateCompilation(Prelude + source);
            var symbols = TracenticSymbols.From(compilation)!;
            var names = TracedNames.Of(compilation, symbols, CancellationToken.None);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(call).Symbol is IMethodSymbol target && TracedMethod.Find(target, symbols) is not null)
                {
                    Assert.True(names.CallsIn(tree, CancellationToken.None).Contains(call), $"dismissed {call} in:\n{source}");
                    Assert.True(names.Contains(target.Name), $"the analyzer would dismiss {call} in:\n{source}");
                    checkedCalls++;
                }
            }
        }

        Assert.True(checkedCalls > 50, $"only {checkedCalls} traced calls were checked");
    }

    [Fact]
    public void Without_annotated_methods_no_call_is_bound()
    {
        var compilation = GeneratorHarness.CreateCompilation("public static class P { public static int R() => System.Math.Abs(-1) + \"a\".GetHashCode(); }");
        var names = TracedNames.Of(compilation, TracenticSymbols.From(compilation)!, CancellationToken.None);
        GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation);

        // The app references the BCL, the provider SDKs and the runtime: none of them declares an annotated method.
        Assert.Equal(0, names.Count);
        Assert.Equal(0, names.BoundCalls);
    }

    private static int Wrapped(string? generated) =>
        generated is null ? 0 : Regex.Matches(generated, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(").Count;
}
