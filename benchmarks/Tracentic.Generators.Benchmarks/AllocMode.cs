using System.Diagnostics;
using Tracentic.Benchmarks;

namespace Tracentic.Generators.Benchmarks;

/// <summary>
/// `-- alloc [none|otel|scope]`: bytes and time per call of each <see cref="ChatClientBenchmarks"/> method (or of the
/// scope wrapper), measured in-process (the fastest of alternating rounds),
/// then which types the Microsoft.Extensions.AI and Tracentic calls allocate (sampled GC allocation ticks). A quick check; BenchmarkDotNet gives the figures.
/// </summary>
internal static class AllocMode
{
    private const int Rounds = 15;

    public static void Run(string listener)
    {
        if (listener == "scope")
        {
            RunScope();
            return;
        }

        var bench = new ChatClientBenchmarks { Listener = listener == "otel" ? Listener.OpenTelemetry : Listener.None };
        bench.Setup();
        Measure([("plain", () => bench.PlainCall()), ("meai", () => bench.MeaiOpenTelemetry()), ("tracentic", () => bench.TracenticLlmCall())], typesOf: 1);
        bench.Cleanup().GetAwaiter().GetResult();
    }

    /// <summary>`-- alloc scope`: the <c>[TracenticScope]</c> wrapper with the OpenTelemetry SDK listening, beside an activity alone.</summary>
    private static void RunScope()
    {
        var bench = new TelemetryWrapperBenchmarks { Listener = Listener.OpenTelemetry };
        bench.Setup();
        Measure([("activity alone", () => bench.BareActivity()), ("scope", () => bench.ScopeWrapper())], typesOf: 0);
        bench.Cleanup().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Time and bytes per call of each method, then the types allocated by those from <paramref name="typesOf"/> on.
    /// Rounds alternate between the methods, so a busy spell on a shared machine slows each alike; the fastest round
    /// of each is its figure (noise only ever adds time).
    /// </summary>
    private static void Measure((string Name, Action Call)[] methods, int typesOf)
    {
        const int PerRound = 100_000;
        var best = new double[methods.Length];
        Array.Fill(best, double.MaxValue);
        var bytes = new double[methods.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                var call = methods[m].Call;
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < PerRound; i++)
                {
                    call();
                }

                best[m] = Math.Min(best[m], watch.Elapsed.TotalNanoseconds / PerRound);
                bytes[m] = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)PerRound;
            }
        }

        for (var m = 0; m < methods.Length; m++)
        {
            Console.WriteLine($"{methods[m].Name}: {best[m]:0} ns, {bytes[m]:0} B");
        }

        foreach (var (name, call) in methods[typesOf..])
        {
            Console.WriteLine($"{name} allocates:");
            using (new AllocationTypes())
            {
                for (var i = 0; i < 2_000_000; i++)
                {
                    call();
                }
            }
        }
    }
}

internal sealed class AllocationTypes : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, int> _types = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.Payload is { } payload)
        {
            var type = payload[e.PayloadNames!.IndexOf("TypeName")]?.ToString() ?? "?";
            lock (_types)
            {
                _types[type] = _types.GetValueOrDefault(type) + 1;
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        lock (_types)
        {
            foreach (var (type, count) in _types.OrderByDescending(p => p.Value))
            {
                Console.WriteLine($"{count,6} {type}");
            }
        }
    }
}
