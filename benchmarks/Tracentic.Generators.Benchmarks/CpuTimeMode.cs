using System.Diagnostics;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// `-- cpu`: the generator benchmarks timed by this process's CPU time as well as by the clock, with the bytes
/// each run allocates. On a machine shared with other busy processes the clock mostly measures waiting for a
/// core; CPU time stays close to what the work costs (it includes the GC's and the compiler's worker threads).
/// </summary>
internal static class CpuTimeMode
{
    private const int Rounds = 3;

    public static void Run(string only)
    {
        if ("GeneratorBenchmarks".Contains(only, StringComparison.Ordinal))
        {
            var tenThousand = new GeneratorBenchmarks();
            tenThousand.Setup();
            Measure("GeneratorBenchmarks.TenThousandCallSites", () => tenThousand.TenThousandCallSites());
        }

        if ("RealisticCodeBenchmarks".Contains(only, StringComparison.Ordinal))
        {
            var realistic = new RealisticCodeBenchmarks();
            realistic.Setup();
            Measure("RealisticCodeBenchmarks.HundredThousandInvocations_ThousandTraced", () => realistic.HundredThousandInvocations_ThousandTraced());
        }

        if ("LibraryCompileBenchmarks".Contains(only, StringComparison.Ordinal))
        {
            var library = new LibraryCompileBenchmarks();
            library.Setup();
            Measure("LibraryCompileBenchmarks.GeneratorOnly", () => library.GeneratorOnly());
            Measure("LibraryCompileBenchmarks.CompileWithoutGenerator", () => library.CompileWithoutGenerator());
            Measure("LibraryCompileBenchmarks.CompileWithGenerator", () => library.CompileWithGenerator());
        }
    }

    private static void Measure(string name, Func<object> run)
    {
        run(); // warm-up: JIT and first-use caches
        var process = Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(run());
            wall.Add(watch.Elapsed.TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1024.0 / 1024.0);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        Console.WriteLine($"{name}: median wall {Median(wall):0} ms, median CPU {Median(cpu):0} ms, allocated {Median(allocated):0.0} MB "
            + $"(wall {string.Join("/", wall.Select(static w => w.ToString("0")))}; CPU {string.Join("/", cpu.Select(static c => c.ToString("0")))})");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(static v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
