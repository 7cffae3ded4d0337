using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors;
using Tracentic.Generators.Interceptors.Specs;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>The pipeline caches: models are plain equatable data, so unrelated edits reuse every output.</summary>
public class IncrementalityTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Tracentic;

        public sealed class Usage { public int InputTokens { get; init; } public int OutputTokens { get; init; } }
        public sealed class Reply { public Usage? Usage { get; init; } }
        public class Client
        {
            [TracenticScope("outer")]
            [TracenticLlmCall(Provider = "openai")]
            public Task<Reply> AskAsync([TracenticAttribute] string user) => Task.FromResult(new Reply());

            [TracenticLlmCall(Provider = "openai")]
            public string Plain() => ""; // no usage path: keeps the diagnostics step busy (TRC106)
        }
        public static class Program
        {
            public static Task<Reply> Run() => new Client().AskAsync(new Client().Plain());
        }
        """;

    [Fact]
    public void Adding_an_annotated_method_and_its_calls_renames_no_other_interceptor()
    {
        static HashSet<string> MemberNames(string generated) =>
            System.Text.RegularExpressions.Regex.Matches(generated, @"static (?:[^\s(]+ )+(\w+)(?:<[^>]*>)?\(").Select(m => m.Groups[1].Value).ToHashSet();

        var before = MemberNames(GeneratorHarness.Run(Source).GeneratedSource!);
        var after = MemberNames(GeneratorHarness.Run(Source.Replace("public static class Program", """
            public static class AaExtra // sorts before Client: a numbering by position would shift
            {
                [TracenticScope] public static int Aardvark(int n) => n;
                [TracenticLlmCall(Provider = "a")] public static string Ask(int n) => "";
                public static void Run() { Aardvark(1); Ask(2); }
            }
            public static class Program
            """)).GeneratedSource!);

        Assert.NotEmpty(before);
        Assert.Subset(after, before);
        Assert.True(after.Count > before.Count);
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var driver = GeneratorHarness.CreateDriver(compilation, trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        // An edit elsewhere: a new file and a changed method body that calls nothing traced.
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "public static class Unrelated { public static int Twice(int x) => x * 2 + System.Math.Abs(x); }",
            GeneratorHarness.ParseOptions(), "/src/App/Unrelated.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(
            first.GeneratedSources.Single().SourceText.ToString(),
            second.GeneratedSources.Single().SourceText.ToString());
        foreach (var name in new[] { TrackingNames.CallSites, TrackingNames.Sites, TrackingNames.Project, TrackingNames.Emit })
        {
            Assert.True(second.TrackedSteps.ContainsKey(name), $"step {name} is not tracked");
            foreach (var step in second.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {name} re-ran: {reason}");
                }
            }
        }

        // The source output is made from the Emit step only, so it is cached too.
        var sourceOutputs = second.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(step => step.Inputs.Any(input => input.Source.Name == TrackingNames.Emit))
            .ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs.SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void No_step_output_holds_a_compilation_symbol_syntax_node_or_operation()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var result = GeneratorHarness.CreateDriver(compilation, trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        foreach (var (name, steps) in result.TrackedSteps.Where(s => typeof(TrackingNames).GetField(s.Key) is not null))
        {
            foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
            {
                AssertPlainData(value, $"{name} output", depth: 0);
            }
        }
    }

    [Fact]
    public void Every_model_type_is_built_from_plain_data_only()
    {
        var modelTypes = typeof(MethodSpec).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(MethodSpec).Namespace || t == typeof(LocationInfo) || t == typeof(DiagnosticInfo))
            .ToList();
        Assert.NotEmpty(modelTypes);
        foreach (var type in modelTypes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                AssertPlainType(property.PropertyType, $"{type.Name}.{property.Name}");
            }
        }
    }

    private static void AssertPlainType(Type type, string where)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            AssertPlainType(type.GetGenericArguments()[0], where);
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            AssertPlainType(type.GetGenericArguments()[0], where);
            return;
        }

        Assert.False(type.Assembly == typeof(Compilation).Assembly || type.Assembly == typeof(CSharpCompilation).Assembly,
            $"{where} is a Roslyn type ({type.Name}): it would pin compilations and defeat caching");
        Assert.False(typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string),
            $"{where} is a collection ({type.Name}) compared by reference: use EquatableArray<T>");
        Assert.True(type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace == typeof(MethodSpec).Namespace
            || type == typeof(LocationInfo) || type == typeof(DiagnosticInfo) || type == typeof(CallSiteSpec),
            $"{where} has unexpected type {type.FullName}");
    }

    private static void AssertPlainData(object? value, string where, int depth)
    {
        if (value is null || depth > 8)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or IOperation or SemanticModel or Location,
            $"{where} holds a {value.GetType().Name}");
        if (value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertPlainData(item, where + "[]", depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertPlainData(property.GetValue(value), $"{where}.{property.Name}", depth + 1);
        }
    }
}
