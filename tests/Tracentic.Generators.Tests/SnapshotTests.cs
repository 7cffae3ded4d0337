using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>
/// The generated source for each call shape, reviewed as text. What runs is proven by the compile-and-run
/// tests; these catch unintended changes to what users read in their IDE.
/// </summary>
public class SnapshotTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Tracentic;

        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } public string? Model { get; init; } }

        """;

    private static string? Generate(string code)
    {
        // A snapshot of code that does not compile would be worthless: check that first.
        var run = GeneratorHarness.Run(Prelude + code);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        return run.GeneratedSource;
    }

    [Fact]
    public void Scope_on_an_instance_method_called_from_two_places() => Snapshot.Match(Generate("""
        public class Pipeline
        {
            [TracenticScope("rag-pipeline")]
            public Task<string> AnswerAsync([TracenticAttribute("user_id")] string userId, [TracenticCorrelationId] Guid requestId, string question)
                => Task.FromResult(question);
        }
        public static class Program
        {
            public static Task<string> A() => new Pipeline().AnswerAsync("u", Guid.Empty, "q");
            public static Task<string> B() => new Pipeline().AnswerAsync("v", Guid.Empty, "r");
        }
        """));

    [Fact]
    public void Llm_call_returning_each_kind_of_result() => Snapshot.Match(Generate("""
        public class Client
        {
            [TracenticLlmCall(Provider = "openai", Model = "gpt-4o")] public Reply Sync(string prompt) => new();
            [TracenticLlmCall(Provider = "openai")] public void Fire() { }
            [TracenticLlmCall(Provider = "openai")] public Task SendAsync() => Task.CompletedTask;
            [TracenticLlmCall(Provider = "openai")] public Task<Reply> AskAsync([TracenticModel] string model) => Task.FromResult(new Reply());
            [TracenticLlmCall(Provider = "openai")] public ValueTask<Reply?> MaybeAsync() => default;
            [TracenticLlmCall(Provider = "openai", OperationType = "embedding")] public ValueTask EmbedAsync() => default;
        }
        public static class Program
        {
            public static async Task Run()
            {
                var c = new Client();
                c.Sync("p");
                c.Fire();
                await c.SendAsync();
                await c.AskAsync("gpt-4o-mini");
                await c.MaybeAsync();
                await c.EmbedAsync();
            }
        }
        """));

    [Fact]
    public void Scoped_streaming_llm_call() => Snapshot.Match(Generate("""
        public class Client
        {
            [TracenticScope("chat")]
            [TracenticLlmCall(Provider = "anthropic")]
            public async IAsyncEnumerable<Reply> StreamAsync([TracenticAttribute] string tenant)
            {
                await Task.Yield();
                yield return new();
            }
        }
        public static class Program { public static IAsyncEnumerable<Reply> Run() => new Client().StreamAsync("acme"); }
        """));

    [Fact]
    public void Static_extension_and_generic_shapes() => Snapshot.Match(Generate("""
        public static class Llm
        {
            [TracenticScope] public static int Static(int n) => n;
            [TracenticScope] public static T Extension<T>(this List<T> list, T item) where T : class, IComparable<T>? => item;
        }
        public class Box<TValue> where TValue : struct
        {
            [TracenticScope] public TValue Get(ref TValue value, out int count) { count = 0; return value; }
        }
        public static class Program
        {
            public static void Run()
            {
                Llm.Static(1);
                new List<string>().Extension("x");
                var v = 1;
                new Box<int>().Get(ref v, out _);
            }
        }
        """));

    [Fact]
    public void Private_members_and_struct_receivers() => Snapshot.Match(Generate("""
        public class Client
        {
            [TracenticScope] private int Secret(int n) => n;
            public int Run() => Secret(1);
        }
        public struct Counter
        {
            public int Count;
            [TracenticScope] public void Increment() => Count++;
            [TracenticScope] public readonly int Peek() => Count;
        }
        public static class Program
        {
            public static int Run() { var c = new Counter(); c.Increment(); return c.Peek() + new Client().Run(); }
        }
        """));
}
