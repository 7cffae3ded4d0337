using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// Times every call of a recording made at a steady rate (as an application records, not a saturated loop): the
/// median, p99, p99.9, the slowest call, and the calls over 2 ms told apart by whether a collection ran during them.
/// </summary>
internal sealed class PacedCalls
{
    private readonly long[] _ticks;
    private readonly List<(long Ticks, int Generation)> _slow = [];
    private readonly int _collections;
    private readonly TimeSpan _paused;
    private readonly TimeSpan _elapsed;
    private readonly int _rate;
    private readonly long _preempted;

    private PacedCalls(long[] ticks, int rate, int collections, TimeSpan paused, TimeSpan elapsed, List<(long, int)> slow, long preempted)
    {
        _preempted = preempted;
        _ticks = ticks;
        _rate = rate;
        _collections = collections;
        _paused = paused;
        _elapsed = elapsed;
        _slow = slow;
    }

    public double Median => Micros(At(0.5));

    public double P99 => Micros(At(0.99));

    public static PacedCalls Run(Action record, int rate, int seconds)
    {
        // Warm-up outside the measurement: a second at the same rate, so the runtime's tiered JIT has moved the hot
        // methods to optimized code (its call counting starts after 100 ms, and ending it briefly stops the process)
        // before any call is timed.
        Paced(record, rate, rate);

        var total = rate * seconds;
        var ticks = new long[total];
        var gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var slowTicks = Stopwatch.Frequency / 500; // 2 ms
        var slow = new List<(long Ticks, int Generation)>();
        var switchesBefore = InvoluntarySwitches();
        var clock = Stopwatch.StartNew();
        var perCall = (double)Stopwatch.Frequency / rate;
        for (var i = 0; i < total; i++)
        {
            var due = (long)(i * perCall);
            while (clock.ElapsedTicks < due)
            {
                Thread.SpinWait(10);
            }

            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var before = Stopwatch.GetTimestamp();
            record();
            ticks[i] = Stopwatch.GetTimestamp() - before;
            if (ticks[i] > slowTicks)
            {
                // A slow call is told apart by whether a collection ran during it (a pause of the whole process).
                slow.Add((ticks[i], GC.CollectionCount(2) != gen2 ? 2 : GC.CollectionCount(1) != gen1 ? 1 : GC.CollectionCount(0) != gen0 ? 0 : -1));
            }
        }

        var elapsed = clock.Elapsed;
        Array.Sort(ticks);
        return new PacedCalls(ticks, rate, GC.CollectionCount(0) - gcBefore, GC.GetTotalPauseDuration() - pauseBefore, elapsed, slow, InvoluntarySwitches() - switchesBefore);
    }

    private static void Paced(Action record, int rate, int count)
    {
        var clock = Stopwatch.StartNew();
        var perCall = (double)Stopwatch.Frequency / rate;
        for (var i = 0; i < count; i++)
        {
            while (clock.ElapsedTicks < (long)(i * perCall))
            {
                Thread.SpinWait(10);
            }

            record();
        }
    }

    public override string ToString()
    {
        var slowest = _slow.Count == 0 ? "" : ": " + string.Join(", ", _slow.OrderByDescending(s => s.Ticks).Take(8)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{Micros(s.Ticks) / 1000:0.0} ms{(s.Generation < 0 ? "" : $" gen{s.Generation}")}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{_ticks.Length:N0} calls at {_rate:N0}/s over {_elapsed.TotalSeconds:0.0} s: median {Median:0.00} µs, p99 {P99:0.00} µs, p99.9 {Micros(At(0.999)):0.00} µs, max {Micros(_ticks[^1]):0} µs, over 2 ms: {_slow.Count} ({_slow.Count(s => s.Generation >= 0)} during a collection{slowest}); GCs {_collections} pausing {_paused.TotalMilliseconds:0} ms in all; the recording thread was preempted {_preempted} times");
    }

    /// <summary>How often the OS took the core from this thread (Linux; -1 elsewhere): a slow call outside a collection is one of these.</summary>
    private static long InvoluntarySwitches()
    {
        try
        {
            var line = File.ReadLines("/proc/thread-self/status").FirstOrDefault(l => l.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private long At(double quantile) => _ticks[(int)Math.Min(_ticks.Length - 1, quantile * _ticks.Length)];

    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
