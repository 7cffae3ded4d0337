using System.Reflection;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>What a wrapper records and how it treats the user's call: nesting, errors, streaming, no configuration.</summary>
[Collection(nameof(ProcessWideSdk))]
public class WrapperBehaviourTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Tracentic;

        public sealed class Usage { public long? InputTokens { get; init; } public long? OutputTokens { get; init; } }
        public sealed class Reply { public string Text { get; init; } = ""; public Usage? Usage { get; init; } public string? Model { get; init; } }

        """;

    private static Assembly Compile(string code) => GeneratorHarness.CompileAndLoad(Prelude + code).Assembly;

    [Fact]
    public async Task Nested_scopes_link_to_their_parent_and_llm_spans_attach_to_the_innermost()
    {
        var spans = await TracedRun.RunAsync(Compile("""
            public class Pipeline
            {
                [TracenticScope("outer")]
                public async Task<string> RunAsync([TracenticCorrelationId] string orderId)
                {
                    await Task.Yield();
                    var a = Ask("first");
                    var b = await StepAsync();
                    return a.Text + b;
                }

                [TracenticScope]
                public async Task<string> StepAsync()
                {
                    await Task.Delay(1);
                    return Ask("second").Text;
                }

                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask(string prompt) => new() { Text = prompt };
            }

            public static class Program { public static Task<string> Run() => new Pipeline().RunAsync("order-7"); }
            """));

        var first = spans.Single(s => s.ScopeName == "outer");
        var second = spans.Single(s => s.ScopeName == "Pipeline.StepAsync");
        Assert.Equal(first.ScopeId, second.ScopeParentId);
        Assert.Null(first.ScopeParentId);
        Assert.Equal("order-7", first["tracentic.scope.correlation_id"]);
        Assert.Equal("order-7", second["tracentic.scope.correlation_id"]); // inherited from the ambient parent
    }

    [Fact]
    public async Task Both_attributes_open_the_scope_outside_the_span_and_a_parent_scope_id_argument_links_across_services()
    {
        var spans = await TracedRun.RunAsync(Compile("""
            public class Worker
            {
                [TracenticScope("worker")]
                [TracenticLlmCall(Provider = "openai", Model = "gpt-4o")]
                public Reply Handle([TracenticParentScopeId] string? parent, [TracenticAttribute("tenant")] string tenant, string secret)
                    => new() { Text = secret };
            }

            public static class Program { public static void Run() => new Worker().Handle("0123456789abcdef0123456789abcdef", "acme", "do-not-capture"); }
            """));

        var span = Assert.Single(spans);
        Assert.Equal("worker", span.ScopeName);
        Assert.Equal("0123456789abcdef0123456789abcdef", span.ScopeParentId);
        Assert.Equal("acme", span["tenant"]);
        Assert.DoesNotContain(span.Attributes, a => Equals(a.Value, "do-not-capture")); // unmarked arguments never leave
    }

    [Fact]
    public async Task The_ambient_scope_is_restored_after_each_call_even_when_it_throws()
    {
        var assembly = Compile("""
            public class Pipeline
            {
                [TracenticScope] public void Fine() { }
                [TracenticScope] public void Broken() => throw new InvalidOperationException("boom");
                [TracenticScope] public async Task BrokenAsync() { await Task.Yield(); throw new InvalidOperationException("later"); }
            }

            public static class Program
            {
                public static async Task<string> Run()
                {
                    var p = new Pipeline();
                    p.Fine();
                    try { p.Broken(); } catch (InvalidOperationException) { }
                    try { await p.BrokenAsync(); } catch (InvalidOperationException) { }
                    return TracenticScope.Current?.Name ?? "none";
                }
            }
            """);

        object? current = null;
        await TracedRun.RunAsync(assembly, run: async () => current = await TracedRun.InvokeAsync(assembly));
        Assert.Equal("none", current);
    }

    [Fact]
    public async Task A_failing_llm_call_records_an_error_span_and_rethrows_the_same_exception_with_its_stack()
    {
        var assembly = Compile("""
            public class RateLimitedException(string message) : Exception(message);

            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public Reply Ask() => Throw();

                [TracenticLlmCall(Provider = "openai-async")]
                public async Task<Reply> AskAsync() { await Task.Yield(); return Throw(); }

                [MethodImpl(MethodImplOptions.NoInlining)]
                private static Reply Throw() => throw new RateLimitedException("rate limited");
            }

            public static class Program
            {
                public static Exception? Sync;
                public static Exception? Async;

                public static async Task Run()
                {
                    try { new Client().Ask(); } catch (Exception ex) { Sync = ex; }
                    try { await new Client().AskAsync(); } catch (Exception ex) { Async = ex; }
                }
            }
            """);

        var spans = await TracedRun.RunAsync(assembly);
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Equal(2, s.StatusCode);
            Assert.Equal("rate limited", s.StatusMessage);
            Assert.Equal("RateLimitedException", s["llm.error.type"]);
            Assert.Null(s["llm.cost.total_usd"]);
        });

        foreach (var field in new[] { "Sync", "Async" })
        {
            var exception = (Exception)assembly.GetType("Program")!.GetField(field)!.GetValue(null)!;
            Assert.Equal("RateLimitedException", exception.GetType().Name);
            Assert.Contains("Client.Throw", exception.StackTrace); // the original frames are intact
            Assert.DoesNotContain("TracenticInterceptors", exception.StackTrace); // and ours are hidden
        }
    }

    [Fact]
    public async Task Streaming_records_one_span_with_time_to_first_token_and_the_latest_usage()
    {
        var spans = await TracedRun.RunAsync(Compile("""
            public class Client
            {
                [TracenticScope("chat")]
                [TracenticLlmCall(Provider = "openai")]
                public async IAsyncEnumerable<Reply> StreamAsync([EnumeratorCancellation] CancellationToken token = default)
                {
                    await Task.Delay(30, token);
                    if (TracenticScope.Current?.Name != "chat") throw new InvalidOperationException("scope lost inside the stream");
                    yield return new() { Text = "a", Usage = new() { InputTokens = 10 } };
                    await Task.Delay(5, token);
                    if (TracenticScope.Current?.Name != "chat") throw new InvalidOperationException("scope lost after an await");
                    yield return new() { Text = "b", Usage = new() { OutputTokens = 7 }, Model = "gpt-4o-mini" };
                    yield return new() { Text = "c" };
                }
            }

            public static class Program
            {
                public static async Task<string> Run()
                {
                    var text = "";
                    await foreach (var reply in new Client().StreamAsync()) text += reply.Text;
                    return text;
                }
            }
            """));

        var span = Assert.Single(spans);
        Assert.Equal(10L, span["llm.usage.input_tokens"]);
        Assert.Equal(7L, span["llm.usage.output_tokens"]);
        Assert.Equal("gpt-4o-mini", span["llm.request.model"]);
        Assert.True((double)span["llm.time_to_first_token_ms"]! >= 25);
        Assert.Null(span["llm.stream.completed"]);
        Assert.Equal("chat", span.ScopeName);
    }

    [Fact]
    public async Task A_stream_disposed_early_is_recorded_as_incomplete_and_one_that_throws_as_an_error()
    {
        var spans = await TracedRun.RunAsync(Compile("""
            public class Client
            {
                [TracenticLlmCall(Provider = "early")]
                public async IAsyncEnumerable<Reply> ManyAsync()
                {
                    for (var i = 0; i < 100; i++) { await Task.Yield(); yield return new() { Text = i.ToString() }; }
                }

                [TracenticLlmCall(Provider = "broken")]
                public async IAsyncEnumerable<Reply> BrokenAsync()
                {
                    await Task.Yield();
                    yield return new();
                    throw new TimeoutException("stream cut");
                }
            }

            public static class Program
            {
                public static async Task Run()
                {
                    await foreach (var reply in new Client().ManyAsync()) { if (reply.Text == "2") break; }
                    try { await foreach (var _ in new Client().BrokenAsync()) { } } catch (TimeoutException) { }
                }
            }
            """));

        var early = spans.Single(s => s.Name == "llm.early.chat");
        Assert.Equal(false, early["llm.stream.completed"]);
        Assert.Equal(1, early.StatusCode);
        var broken = spans.Single(s => s.Name == "llm.broken.chat");
        Assert.Equal(2, broken.StatusCode);
        Assert.Equal("TimeoutException", broken["llm.error.type"]);
    }

    [Fact]
    public async Task Without_configuration_every_wrapper_calls_straight_through()
    {
        var assembly = Compile("""
            public class Client
            {
                [TracenticScope]
                [TracenticLlmCall(Provider = "openai")]
                public async Task<Reply> AskAsync(string p) { await Task.Yield(); return new() { Text = p }; }

                [TracenticLlmCall(Provider = "openai")]
                public Reply Fail() => throw new ArgumentException("bad");
            }

            public static class Program
            {
                public static async Task<string> Run()
                {
                    var reply = await new Client().AskAsync("direct");
                    try { new Client().Fail(); } catch (ArgumentException ex) { return reply.Text + ":" + ex.Message; }
                    return "no exception";
                }
            }
            """);

        Assert.False(TracenticSdk.IsConfigured);
        Assert.Equal("direct:bad", await TracedRun.InvokeAsync(assembly));
    }

    [Fact]
    public async Task Llm_span_outside_any_scope_is_scopeless()
    {
        var spans = await TracedRun.RunAsync(Compile("""
            public class Client { [TracenticLlmCall(Provider = "openai")] public Reply Ask() => new(); }
            public static class Program { public static void Run() => new Client().Ask(); }
            """));

        var span = Assert.Single(spans);
        Assert.Null(span.ScopeId);
    }
}
