using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>
/// The promise behind the analyzer sharing the generator's classifier: every call to a traced method is either
/// wrapped or reported, never both and never neither — and wrapping never puts an error or warning into generated
/// code. Each probe is a call shape that once broke the build or was silently skipped.
/// </summary>
public class WrappedOrReportedTests
{
    private const string Prelude = "using System; using System.Threading.Tasks; using System.Collections.Generic; using Tracentic;\n";

    public static TheoryData<string, string> Shapes => new()
    {
        { "param-names", "public class C { [TracenticLlmCall(Provider=\"p\")] public int M(int call, int result, int task, int exception, int stream, int scope, int site, int @this, int response) => 1; public void R() => M(1,2,3,4,5,6,7,8,9); }" },
        { "scope-param-names", "public class C { [TracenticScope] public Task<int> M(int call, int result, int scope, int active) => Task.FromResult(1); public void R() => M(1,2,3,4); }" },
        { "keyword-method", "public class C { [TracenticScope] public void @class(int @int) { } public void R() => @class(1); }" },
        { "typeparam-clash", "public class C<T> { [TracenticLlmCall(Provider=\"p\")] public T M<T1, U>(T t, U T2) => t; public void R() => M<int, int>(default!, 1); }" },
        { "typeparam-same-name", "#pragma warning disable CS0693\npublic class C<T> { [TracenticScope] public void M<T>(T t) { } public void R() => M(1); }" },
        { "typeparam-vs-param", "public class C<T> { [TracenticScope] public void M(int T) { } public void R() => M(1); }" },
        { "params-span", "public class C { [TracenticScope] public int M(params ReadOnlySpan<int> xs) => xs.Length; public void R() => M(1,2,3); }" },
        { "scoped-span", "public class C { [TracenticScope] public int M(scoped Span<int> xs) => xs.Length; public void R() { Span<int> s = stackalloc int[2]; M(s); } }" },
        { "static-abstract", "public interface IF { [TracenticScope] static abstract int Make(); } public class C { public static int R<T>() where T : IF => T.Make(); }" },
        { "pointer", "public unsafe class C { [TracenticScope] public int M(int* p) => *p; public void R() { int x = 1; M(&x); } }" },
        { "fnptr", "public unsafe class C { [TracenticScope] public int M(delegate*<int, int> f) => f(1); static int Id(int x) => x; public void R() { M(&Id); } }" },
        { "allows-ref-struct", "public class C { [TracenticLlmCall(Provider=\"p\")] public static int M<T>(T x) where T : allows ref struct => 1; public void R() { Span<int> s = default; M<Span<int>>(s); } }" },
        { "allows-ref-struct-ret", "public class C { [TracenticLlmCall(Provider=\"p\")] public static T M<T>(T x) where T : allows ref struct => x; public void R() { M(1); } }" },
        { "file-class", "file class F { [TracenticScope] public void M() { } public void R() => M(); }" },
        { "local-function", "public class C { public void R() { [TracenticScope] void L() { } L(); } }" },
        { "arglist", "public class C { [TracenticScope] public void M(__arglist) { } public void R() => M(__arglist(1)); }" },
        { "private-static-struct", "public struct S { [TracenticScope] private static int M(int x) => x; public int R() => M(1); }" },
        { "linebreak-name", "public class C { [TracenticScope(\"a\\nb\\u2028c\")] [TracenticLlmCall(Provider=\"x\\u2029y\\r\\nz\")] public int M() => 1; public void R() => M(); }" },
        { "obsolete", "public class C { [Obsolete(\"no\")] [TracenticScope] public void M() { } [Obsolete] public void R() => M(); }" },
        { "obsolete-custom", "public class C { [Obsolete(\"no\", DiagnosticId = \"MY0001\")] [TracenticScope] public void M() { } [Obsolete] public void R() => M(); }" },
        { "experimental", "[System.Diagnostics.CodeAnalysis.Experimental(\"EXP001\")] public class C { [TracenticScope] public void M() { } } public class D { \n#pragma warning disable EXP001\npublic void R() => new C().M();\n#pragma warning restore EXP001\n }" },
        { "operator", "public class C { [TracenticScope] public static C operator +(C a, C b) => a; public C R() => this + this; }" },
        { "out-result", "public class C { [TracenticLlmCall(Provider=\"p\")] public bool Try(out int result, out string exception) { result = 1; exception = \"\"; return true; } public void R() => Try(out _, out _); }" },
        { "generic-struct-this", "public struct G<T> { public int Count; [TracenticScope] public int Add(T v) => ++Count; public int Via(T v) => Add(v); }" },
        { "generic-struct-private", "public struct G<T> { public int Count; [TracenticScope] private int Add(T v) => ++Count; public int Via(T v) => Add(v); }" },
        { "constrained", "public interface IB { [TracenticScope] void Bump(); } public struct S : IB { public int N; public void Bump() => N++; } public static class P { public static void Bump<T>(ref T x) where T : IB => x.Bump(); }" },
        { "ref-readonly", "public class C { [TracenticScope] public int M(ref readonly int x, in int y) => x + y; public void R() { int a = 1; M(ref a, 2); } }" },
        { "nullable-generic", "public class C { [TracenticLlmCall(Provider=\"p\")] public T? M<T>(T? x) where T : class => x; public void R() => M<string>(null); }" },
        { "model-valuetype", "public class C { [TracenticLlmCall(Provider=\"p\")] public int M([TracenticModel] int model, [TracenticAttribute] IEnumerable<int> xs, [TracenticCorrelationId] Guid? id) => 1; public void R() => M(1, new[]{1}, null); }" },
        { "dim-call-struct", "public interface IB { [TracenticScope] void Bump() { } } public struct S : IB { public int N; } public static class P { public static void R(S s) => ((IB)s).Bump(); }" },
        { "params-array-named", "public class C { [TracenticScope] public int M(int a = 1, params string[] rest) => rest.Length; public void R() { M(); M(rest: new[]{\"x\"}); M(2, \"a\", \"b\"); } }" },
        { "interface-generic-method", "public interface I { [TracenticLlmCall(Provider=\"p\")] T Get<T>(T x); } public class C : I { public T Get<T>(T x) => x; } public static class P { public static void R(I i, C c) { i.Get(1); c.Get(\"s\"); } }" },
        { "nested-generic", "public class O<T> { public class I<U> { [TracenticScope] public U M(T t, U u) => u; } } public static class P { public static void R() => new O<int>.I<string>().M(1, \"\"); }" },
        { "ext-block", "public class K {} public static class E { extension(K k) { [TracenticScope] public int Go(int x) => x; [TracenticScope] public static int Make() => 1; } } public static class P { public static void R() { new K().Go(1); K.Make(); } }" },
        { "async-enumerable-scope-llm", "public class C { [TracenticScope][TracenticLlmCall(Provider=\"p\")] public async IAsyncEnumerable<int> S(int stream) { await Task.Yield(); yield return stream; } public void R() => S(1); }" },
        { "void-llm-with-refs", "public struct S { public int N; [TracenticLlmCall(Provider=\"p\")] public void Inc(ref int x) { N++; x++; } } public static class P { public static void R() { var s = new S(); int x = 0; s.Inc(ref x); } }" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_traced_call_is_wrapped_or_reported_and_generated_code_is_clean(string shape, string source)
    {
        var run = GeneratorHarness.Run(Prelude + source);

        var generatedProblems = run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(generatedProblems.Count == 0, $"{shape}: generated code has\n{string.Join("\n", generatedProblems)}\n{run.GeneratedSource}");
        var userErrors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(userErrors.Count == 0, $"{shape}: {string.Join("\n", userErrors)}");

        var tree = run.Output.SyntaxTrees.First();
        var model = run.Output.GetSemanticModel(tree);
        var symbols = TracenticSymbols.From(run.Output)!;
        var traced = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => model.GetSymbolInfo(call).Symbol is IMethodSymbol method && TracedMethod.Find(method, symbols) is not null)
            .ToList();
        var reported = run.GeneratorDiagnostics.Where(d => d.Location.SourceTree == tree && traced.Any(call => call.Span == d.Location.SourceSpan)).ToList();
        var wrapped = run.GeneratedSource is null ? 0 : Regex.Matches(run.GeneratedSource, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(").Count;

        Assert.True(wrapped + reported.Count == traced.Count,
            $"{shape}: {traced.Count} traced calls, {wrapped} wrapped, {reported.Count} reported ({string.Join(", ", reported.Select(d => d.Id))})");
    }
}
