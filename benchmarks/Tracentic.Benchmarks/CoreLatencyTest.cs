using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>cores [--rounds 3]</c>: how long a cache line takes to go to the other core and back on this machine right now.
/// Two threads, each on a core of its own on a 2-core machine, pass a counter back and forth through two cache lines;
/// a round trip is one write seen by the other thread and its answer seen back. A saturated loop whose spans the export
/// thread takes pays for such trips (the ring's lines go to the export core and must come back before recording writes
/// them again), and on a VM their time depends on where the host put the virtual CPUs: run this beside the saturated
/// benchmarks to tell a slower machine from slower code.
/// </summary>
internal static class CoreLatencyTest
{
    private const int Trips = 1_000_000;

    // Two counters 128 bytes apart: each on a cache line of its own, and not in the pair the adjacent-line prefetcher fetches together.
    private const int Ping = 16;
    private const int Pong = 32;

    public static int Run(string[] args)
    {
        if (Environment.ProcessorCount < 2)
        {
            // Two threads spinning on one core would pass the counter once per time slice: a million trips would take hours.
            Console.Error.WriteLine("cores needs at least two processors: it measures how long a cache line takes between two of them.");
            return 1;
        }

        var rounds = ModeArguments.Int(args, "--rounds", 3);
        var trips = new List<double>();
        Measure(Trips / 10); // jit and warm up
        for (var round = 0; round < rounds; round++)
        {
            trips.Add(Measure(Trips));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: a cache line to the other core and back in {trips[^1]:0} ns"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {trips.Order().ElementAt(trips.Count / 2):0} ns a round trip"));
        return 0;
    }

    private static double Measure(int trips)
    {
        var lines = new long[48];
        var echo = new Thread(() =>
        {
            for (long i = 1; i <= trips; i++)
            {
                while (Volatile.Read(ref lines[Ping]) != i)
                {
                }

                Volatile.Write(ref lines[Pong], i);
            }
        }) { IsBackground = true };
        echo.Start();

        var clock = Stopwatch.StartNew();
        for (long i = 1; i <= trips; i++)
        {
            Volatile.Write(ref lines[Ping], i);
            while (Volatile.Read(ref lines[Pong]) != i)
            {
            }
        }

        var elapsed = clock.Elapsed;
        echo.Join();
        return elapsed.TotalMilliseconds * 1e6 / trips;
    }
}
