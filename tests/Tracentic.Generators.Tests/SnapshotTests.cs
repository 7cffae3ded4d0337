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
        // A snapshot of code that does not compile would be worthless: check that first. (CS1701: the Anthropic SDK is
        // built against .NET 9's System.Runtime, which the .NET 10 references unify.)
        var run = GeneratorHarness.Run(Prelude + code);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS1701"));
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
    public void Scoped_llm_call_returning_a_task() => Snapshot.Match(Generate("""
        public class Client
        {
            [TracenticScope("answer")]
            [TracenticLlmCall(Provider = "openai")]
            public async Task<Reply> AskAsync([TracenticModel] string model) { await Task.Yield(); return new(); }
        }
        public static class Program { public static Task<Reply> Run() => new Client().AskAsync("gpt-4o"); }
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

    [Fact]
    public void Request_parameters_read_from_known_request_arguments() => Snapshot.Match(Generate("""
        public class Calls(Microsoft.Extensions.AI.IChatClient chat, OpenAI.Chat.ChatClient openAI, Anthropic.IAnthropicClient anthropic)
        {
            [TracenticLlmCall(Provider = "openai")]
            public Task<Microsoft.Extensions.AI.ChatResponse> AskAsync(string question, Microsoft.Extensions.AI.ChatOptions? options = null) => Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(chat, question, options);

            [TracenticLlmCall(Provider = "openai")]
            public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> StreamAsync(string question, Microsoft.Extensions.AI.ChatOptions options) => Microsoft.Extensions.AI.ChatClientExtensions.GetStreamingResponseAsync(chat, question, options);

            [TracenticLlmCall(Provider = "openai")]
            public Task<System.ClientModel.ClientResult<OpenAI.Chat.ChatCompletion>> CompleteAsync(OpenAI.Chat.ChatMessage[] messages, OpenAI.Chat.ChatCompletionOptions options) =>
                openAI.CompleteChatAsync(messages, options);

            [TracenticLlmCall(Provider = "anthropic")]
            public Task<Anthropic.Models.Messages.Message> CreateAsync(Anthropic.Models.Messages.MessageCreateParams request) => anthropic.Messages.Create(request);

            // A nullable request argument: every read of it is null-checked at run time and compiles without a warning.
            [TracenticLlmCall(Provider = "anthropic")]
            public Task<Anthropic.Models.Messages.Message> MaybeCreateAsync(Anthropic.Models.Messages.MessageCreateParams? request) => anthropic.Messages.Create(request!);
        }
        public static class Program
        {
            public static async Task Run(Calls calls)
            {
                await calls.AskAsync("hi", new Microsoft.Extensions.AI.ChatOptions { Temperature = 0.2f });
                await foreach (var _ in calls.StreamAsync("hi", new Microsoft.Extensions.AI.ChatOptions())) { }
                await calls.CompleteAsync([], new OpenAI.Chat.ChatCompletionOptions());
                await calls.CreateAsync(null!);
                await calls.MaybeCreateAsync(null);
            }
        }
        """));
}
