using Tracentic.Generators.Tests.Infrastructure;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Generators.Tests;

/// <summary>Every call shape the generator must intercept, each compiled with the generator and run.</summary>
[Collection(nameof(ProcessWideSdk))]
public class CallShapeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Tracentic;

        """;

    /// <summary>A tiny LLM response type with usage, like the providers' own.</summary>
    private const string Reply = """
        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public string Text { get; init; } = ""; public Usage? Usage { get; init; } public string? Model { get; init; } }

        """;

    private static async Task<IReadOnlyList<ReceivedSpan>> RunAsync(string code)
    {
        var (assembly, _) = GeneratorHarness.CompileAndLoad(Usings + Reply + code);
        return await TracedRun.RunAsync(assembly);
    }

    private static async Task<(IReadOnlyList<ReceivedSpan> Spans, object? Result)> RunWithResultAsync(string code)
    {
        var (assembly, _) = GeneratorHarness.CompileAndLoad(Usings + Reply + code);
        object? result = null;
        var spans = await TracedRun.RunAsync(assembly, configure: null, run: async () => result = await TracedRun.InvokeAsync(assembly));
        return (spans, result);
    }

    [Fact]
    public async Task Instance_method_returning_a_value()
    {
        var spans = await RunAsync("""
            public class Client
            {
                [TracenticLlmCall(Provider = "openai", Model = "gpt-4o")]
                public Reply Complete(string prompt) => new() { Text = prompt, Usage = new() { InputTokens = 3, OutputTokens = 4 } };
            }

            public static class Program { public static string Run() => new Client().Complete("hi").Text; }
            """);

        var span = Assert.Single(spans);
        Assert.Equal("llm.openai.chat", span.Name);
        Assert.Equal("gpt-4o", span["llm.request.model"]);
        Assert.Equal(3L, span["llm.usage.input_tokens"]);
        Assert.Equal(4L, span["llm.usage.output_tokens"]);
        Assert.Equal(1, span.StatusCode);
    }

    [Fact]
    public async Task Static_method()
    {
        var spans = await RunAsync("""
            public static class Llm
            {
                [TracenticLlmCall(Provider = "anthropic")]
                public static Reply Ask(string prompt) => new() { Model = "claude", Usage = new() { InputTokens = 1, OutputTokens = 2 } };
            }

            public static class Program { public static void Run() => Llm.Ask("x"); }
            """);

        var span = Assert.Single(spans);
        Assert.Equal("llm.anthropic.chat", span.Name);
        Assert.Equal("claude", span["llm.request.model"]);
        Assert.Equal("Program.Run", span["code.function"]); // the member that made the call
    }

    [Fact]
    public async Task Classic_extension_method_called_both_ways()
    {
        var spans = await RunAsync("""
            public class Client { }
            public static class ClientExtensions
            {
                [TracenticLlmCall(Provider = "openai")]
                public static Reply Ask(this Client client, string prompt) => new() { Text = prompt };
            }

            public static class Program
            {
                public static void Run()
                {
                    var client = new Client();
                    client.Ask("reduced");
                    ClientExtensions.Ask(client, "static");
                }
            }
            """);

        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal("Program.Run", s["code.function"]));
    }

    [Fact]
    public async Task CSharp14_extension_block_member()
    {
        var spans = await RunAsync("""
            public class Client { public string Name = "c"; }
            public static class ClientExtensions
            {
                extension(Client client)
                {
                    [TracenticLlmCall(Provider = "ext")]
                    public Reply Describe([TracenticAttribute] string suffix) => new() { Text = client.Name + suffix };

                    [TracenticLlmCall(Provider = "ext-static")]
                    public static Reply Make() => new();
                }
            }

            public static class Program
            {
                public static string Run() => new Client().Describe("!").Text + Client.Make().Text;
            }
            """);

        Assert.Equal(["ext", "ext-static"], spans.Select(s => (string)s["llm.provider"]!).Order());
        Assert.Equal("!", spans.Single(s => (string)s["llm.provider"]! == "ext")["suffix"]);
    }

    [Fact]
    public async Task Generic_method_with_constraints()
    {
        var spans = await RunAsync("""
            public interface IPrompt { string Text { get; } }
            public sealed class Prompt : IPrompt { public string Text => "p"; }
            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask<TPrompt, TState>(TPrompt prompt, TState state)
                    where TPrompt : class, IPrompt, new()
                    where TState : struct
                    => new() { Text = prompt.Text + state };
            }

            public static class Program { public static string Run() => new Client().Ask(new Prompt(), 42).Text; }
            """);

        Assert.Single(spans);
    }

    [Fact]
    public async Task Method_of_a_generic_type_called_from_generic_code()
    {
        var spans = await RunAsync("""
            public class Client<TOptions> where TOptions : notnull
            {
                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask(TOptions options) => new() { Text = options.ToString()! };
            }

            public static class Program
            {
                public static void Run()
                {
                    new Client<int>().Ask(1);
                    Call(new Client<string>(), "s");
                }

                private static void Call<T>(Client<T> client, T value) where T : notnull => client.Ask(value);
            }
            """);

        Assert.Equal(2, spans.Count);
    }

    [Fact]
    public async Task Private_and_protected_methods_through_unsafe_accessor()
    {
        var spans = await RunAsync("""
            public class Base
            {
                [TracenticLlmCall(Provider = "base")]
                protected Reply AskProtected() => new();
            }

            public class Client : Base
            {
                [TracenticLlmCall(Provider = "private")]
                private Reply AskPrivate(int n) => new() { Text = n.ToString() };

                [TracenticLlmCall(Provider = "static")]
                private static Reply AskStatic() => new();

                [TracenticLlmCall(Provider = "generic")]
                private Reply AskGeneric<T>(T value) where T : struct => new() { Text = value.ToString()! };

                public string Run() => AskPrivate(7).Text + AskStatic().Text + AskProtected().Text + AskGeneric(3).Text;
            }

            public class Box<T> where T : class
            {
                [TracenticLlmCall(Provider = "box")]
                private Reply AskBox(T value) => new() { Text = value.ToString()! };

                public string Run(T value) => AskBox(value).Text;
            }

            public static class Program { public static string Run() => new Client().Run() + new Box<string>().Run("b"); }
            """);

        Assert.Equal(["base", "box", "generic", "private", "static"], spans.Select(s => (string)s["llm.provider"]!).Order());
    }

    [Fact]
    public async Task Struct_receivers_mutate_the_caller_copy_and_readonly_members_take_in()
    {
        var (spans, result) = await RunWithResultAsync("""
            public struct Counter
            {
                public int Count;

                [TracenticScope]
                public int Increment() => ++Count;

                [TracenticScope]
                public readonly int Peek() => Count;
            }

            public static class Program
            {
                public static int Run()
                {
                    var counter = new Counter();
                    counter.Increment();
                    counter.Increment();
                    return counter.Peek();
                }
            }
            """);

        Assert.Empty(spans);
        Assert.Equal(2, result);
    }

    [Fact]
    public async Task Struct_methods_called_on_temporaries_readonly_fields_and_in_parameters()
    {
        var (spans, result) = await RunWithResultAsync("""
            public struct Counter
            {
                public int Count;
                [TracenticScope] public int Increment() => ++Count;
                [TracenticScope] public readonly int Peek() => Count;
            }

            public class Holder
            {
                private readonly Counter _frozen = new() { Count = 5 };
                public int Run(in Counter viaIn) => Make().Increment() + _frozen.Peek() + _frozen.Increment() + viaIn.Peek();
                private static Counter Make() => new() { Count = 10 };
            }

            public static class Program { public static int Run() => new Holder().Run(new Counter { Count = 100 }); }
            """);

        Assert.Empty(spans);
        Assert.Equal(11 + 5 + 6 + 100, result); // a readonly field is copied before a mutating call, as without interception
    }

    [Fact]
    public async Task Ref_out_in_params_optional_and_named_arguments()
    {
        var (spans, result) = await RunWithResultAsync("""
            public static class Calc
            {
                [TracenticScope]
                public static int Combine(ref int total, out int doubled, in int addend, int scale = 10, params int[] extra)
                {
                    total += addend;
                    doubled = total * 2;
                    var sum = 0;
                    foreach (var e in extra) sum += e;
                    return total * scale + sum;
                }
            }

            public static class Program
            {
                public static string Run()
                {
                    var total = 1;
                    var a = Calc.Combine(ref total, out var doubled, 2);
                    var b = Calc.Combine(ref total, out _, in total, extra: new[] { 5 }, scale: 1);
                    var c = Calc.Combine(ref total, out _, 0, 1, 1, 2, 3);
                    return $"{a}/{b}/{c}/{total}/{doubled}";
                }
            }
            """);

        Assert.Empty(spans);
        Assert.Equal("30/11/12/6/6", result);
    }

    [Fact]
    public async Task Calls_in_lambdas_local_functions_and_conditional_access()
    {
        var spans = await RunAsync("""
            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask(string p) => new() { Text = p };
            }

            public static class Program
            {
                public static void Run()
                {
                    Client? maybe = new Client();
                    Client? none = null;
                    Func<string, Reply> lambda = p => new Client().Ask(p);
                    lambda("lambda");
                    Local();
                    maybe?.Ask("conditional");
                    none?.Ask("never");

                    void Local() => new Client().Ask("local");
                }
            }
            """);

        Assert.Equal(3, spans.Count);
    }

    [Fact]
    public async Task Top_level_statements()
    {
        var (assembly, _) = GeneratorHarness.CompileAndLoad(Usings + """
            var reply = new Client().Ask("top");
            Console.WriteLine(reply.Text);

            public sealed class Reply { public string Text { get; init; } = ""; }
            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask(string p) => new() { Text = p };
            }
            """, executable: true);

        var spans = await TracedRun.RunAsync(assembly, run: () =>
        {
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            return Task.CompletedTask;
        });
        Assert.Single(spans);
    }

    [Fact]
    public async Task Interface_attribute_applies_through_the_interface_and_to_direct_calls()
    {
        var spans = await RunAsync("""
            public interface IChat
            {
                [TracenticLlmCall(Provider = "iface")]
                Reply Ask(string prompt);
            }

            public sealed class Chat : IChat
            {
                public Reply Ask(string prompt) => new() { Text = prompt };
            }

            public static class Program
            {
                public static void Run()
                {
                    IChat viaInterface = new Chat();
                    viaInterface.Ask("a");
                    new Chat().Ask("b");
                }
            }
            """);

        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal("llm.iface.chat", s.Name));
    }

    [Fact]
    public async Task Attribute_on_a_virtual_method_applies_to_calls_of_its_overrides()
    {
        var spans = await RunAsync("""
            public class Base
            {
                [TracenticLlmCall(Provider = "virtual")]
                public virtual Reply Ask() => new() { Text = "base" };
            }

            public class Derived : Base
            {
                public override Reply Ask() => new() { Text = "derived:" + base.Ask().Text };
            }

            public static class Program
            {
                public static string Run()
                {
                    Base viaBase = new Derived();
                    return viaBase.Ask().Text + "|" + new Derived().Ask().Text;
                }
            }
            """);

        Assert.Equal(2, spans.Count); // the base.Ask() inside the override is not wrapped (TRC102)
    }

    [Fact]
    public async Task Annotated_methods_of_a_referenced_library_are_intercepted_in_the_app()
    {
        // The library is compiled to metadata first: the app sees only its attributes, not its source.
        var library = GeneratorHarness.CreateCompilation(Usings + Reply + """
            public class LibraryClient
            {
                [TracenticScope("library-scope")]
                [TracenticLlmCall(Provider = "library")]
                public Reply Ask([TracenticAttribute("tenant")] string tenant) => new() { Usage = new() { InputTokens = 5, OutputTokens = 6 } };
            }
            """, path: "/src/Library/LibraryClient.cs");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray());
        var libraryAssembly = System.Reflection.Assembly.Load(image.ToArray());

        var app = GeneratorHarness.CreateCompilation("""
            public static class Program { public static void Run() => new LibraryClient().Ask("acme"); }
            """).AddReferences(reference);
        var driver = GeneratorHarness.CreateDriver(app).RunGeneratorsAndUpdateCompilation(app, out var output, out _);
        Assert.Contains("LibraryClient.Ask", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString());
        using var appImage = new MemoryStream();
        var emitted = output.Emit(appImage);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        // An assembly loaded from bytes is not found by name: resolve the app's reference to it by hand.
        System.Reflection.Assembly? Resolve(System.Runtime.Loader.AssemblyLoadContext _, System.Reflection.AssemblyName name) =>
            name.Name == libraryAssembly.GetName().Name ? libraryAssembly : null;
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += Resolve;
        IReadOnlyList<ReceivedSpan> spans;
        try
        {
            spans = await TracedRun.RunAsync(System.Reflection.Assembly.Load(appImage.ToArray()));
        }
        finally
        {
            System.Runtime.Loader.AssemblyLoadContext.Default.Resolving -= Resolve;
        }

        var span = Assert.Single(spans);
        Assert.Equal(("library-scope", "llm.library.chat", "acme", 5L), (span.ScopeName, span.Name, span["tenant"], span["llm.usage.input_tokens"]));
        Assert.Equal("Program.Run", span["code.function"]); // the call site is in the app, with source
        Assert.Equal("Program.cs", span["code.filepath"]);
    }

    [Fact]
    public async Task Every_return_type_is_timed_until_completion()
    {
        var spans = await RunAsync("""
            public class Client
            {
                [TracenticLlmCall(Provider = "void")] public void Void() { }
                [TracenticLlmCall(Provider = "value")] public Reply Value() => new() { Usage = new() { InputTokens = 1, OutputTokens = 1 } };
                [TracenticLlmCall(Provider = "task")] public async Task TaskAsync() => await Task.Delay(20);
                [TracenticLlmCall(Provider = "task-t")] public async Task<Reply> TaskOfTAsync() { await Task.Delay(20); return new() { Usage = new() { InputTokens = 2, OutputTokens = 2 } }; }
                [TracenticLlmCall(Provider = "value-task")] public async ValueTask ValueTaskAsync() => await Task.Delay(20);
                [TracenticLlmCall(Provider = "value-task-t")] public async ValueTask<Reply> ValueTaskOfTAsync() { await Task.Delay(20); return new() { Usage = new() { InputTokens = 3, OutputTokens = 3 } }; }
                [TracenticLlmCall(Provider = "stream")]
                public async IAsyncEnumerable<Reply> StreamAsync()
                {
                    await Task.Delay(20);
                    yield return new() { Text = "a" };
                    yield return new() { Text = "b", Usage = new() { InputTokens = 4, OutputTokens = 4 } };
                }
            }

            public static class Program
            {
                public static async Task Run()
                {
                    var c = new Client();
                    c.Void();
                    c.Value();
                    await c.TaskAsync();
                    await c.TaskOfTAsync();
                    await c.ValueTaskAsync();
                    await c.ValueTaskOfTAsync();
                    await foreach (var _ in c.StreamAsync()) { }
                }
            }
            """);

        var byProvider = spans.ToDictionary(s => (string)s["llm.provider"]!);
        Assert.Equal(7, byProvider.Count);
        foreach (var name in new[] { "task", "task-t", "value-task", "value-task-t", "stream" })
        {
            Assert.True((long)byProvider[name]["llm.duration_ms"]! >= 15, $"{name} was not timed until completion");
        }

        Assert.Equal(2L, byProvider["task-t"]["llm.usage.input_tokens"]);
        Assert.Equal(3L, byProvider["value-task-t"]["llm.usage.input_tokens"]);
        Assert.Equal(4L, byProvider["stream"]["llm.usage.input_tokens"]);
    }
}
