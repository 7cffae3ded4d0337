using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Benchmarks;

/// <summary>`-- profile`: rough phase timings to see where generator time goes (BenchmarkDotNet gives the figures).</summary>
internal static class ProfileMode
{
    public static void Run()
    {
        var bench = new GeneratorBenchmarks();
        bench.Setup();
        var compilation = bench.Compilation;
        for (var round = 0; round < 3; round++)
        {
            var fresh = compilation.Clone();
            var watch = Stopwatch.StartNew();
            foreach (var tree in fresh.SyntaxTrees)
            {
                var model = fresh.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
                {
                    _ = model.GetSymbolInfo(node);
                }
            }

            var bind = watch.Elapsed;
            watch.Restart();
            bench.TenThousandCallSites();
            Console.WriteLine($"bind every invocation: {bind.TotalMilliseconds:0} ms; generator run: {watch.Elapsed.TotalMilliseconds:0} ms");
        }
    }
}
