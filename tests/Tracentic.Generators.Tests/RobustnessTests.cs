using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>Half-typed code is what the generator sees most in an IDE: it must never throw on any of it.</summary>
public class RobustnessTests
{
    private const string Sample = """
        using System;
        using System.Collections.Generic;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Tracentic;

        namespace Shop;

        public sealed class Usage { public int? InputTokens { get; init; } public long OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } public string? Model { get; init; } }

        public interface IChat { [TracenticLlmCall(Provider = "iface")] Task<Reply> AskAsync(string prompt); }

        public class Chat : IChat
        {
            public Task<Reply> AskAsync(string prompt) => Task.FromResult(new Reply());

            [TracenticLlmCall(Provider = "openai", InputTokens = "Usage.InputTokens", OutputTokens = "Usage.OutputTokens")]
            private Reply Ask<T>(T prompt) where T : class => new();

            [TracenticScope("pipeline")]
            public async IAsyncEnumerable<Reply> StreamAsync([TracenticAttribute("user")] string user, [TracenticParentScopeId] string? parent)
            {
                yield return Ask("x");
                yield return await AskAsync(user);
                Func<string, Task<Reply>> group = AskAsync;
                Expression<Func<Reply>> tree = () => Ask("t");
            }
        }

        public struct Counter { public int N; [TracenticScope] public void Inc() => N++; [TracenticScope] public readonly int Get() => N; }

        public static class Ext
        {
            extension(Chat chat)
            {
                [TracenticScope] public Task<Reply> Twice(string p) => chat.AskAsync(p + p);
            }

            [TracenticScope] public static T Echo<T>(this T value) where T : notnull => value;
        }

        public static class Program
        {
            public static async Task Main()
            {
                var chat = new Chat();
                IChat viaInterface = chat;
                await viaInterface.AskAsync("a");
                await foreach (var r in chat.StreamAsync("u", null)) { _ = r?.Model; }
                var c = new Counter(); c.Inc(); c.Get();
                await chat.Twice("b");
                1.Echo();
            }
        }
        """;

    [Fact]
    [Trait("Category", "Slow")] // a thousand generator runs (the longest test of the fast loop): left out of it (README, "Running the tests")
    public void A_thousand_prefixes_of_a_sample_file_never_make_the_generator_throw()
    {
        var compilation = GeneratorHarness.CreateCompilation(Sample);
        var original = compilation.SyntaxTrees.Single();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation);
        var step = Math.Max(1, Sample.Length / 1000);
        var runs = 0;
        for (var length = 0; length <= Sample.Length; length += step)
        {
            var tree = CSharpSyntaxTree.ParseText(Sample[..length], GeneratorHarness.ParseOptions(), original.FilePath);
            var prefix = compilation.ReplaceSyntaxTree(original, tree);
            driver = driver.RunGenerators(prefix);
            var result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"generator threw at prefix length {length}: {result.Exception}");
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "TRC109");
            runs++;
        }

        Assert.True(runs >= 1000, $"only {runs} inputs");
    }

    [Fact]
    public void The_complete_sample_generates_code_that_compiles()
    {
        var run = GeneratorHarness.Run(Sample, executable: true);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "TRC101");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "TRC103");
    }
}
