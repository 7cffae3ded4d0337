using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tracentic.Core;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>queue [--seconds 1] [--rounds 3] [--work 60] [--reader-pause 20]</c>: what handing spans to another core costs the queue alone. A
/// loop adds one recorded span after another to a <see cref="SpanQueue"/> of the default capacity, with some
/// arithmetic between adds standing in for the rest of recording (<c>--work</c> steps; at 60 an add and its work take
/// ~55 ns alone), first with nobody reading, then with a reader thread that takes every span in batches of 512 as the
/// export thread does, on a core of its own. The difference is what the ring's cache lines cost going to the reader's
/// core and back (an add's locked instructions wait for the lines the reader took), which depends on how far apart
/// the two cores are: on a VM, on where the host put its virtual CPUs. Run it before and after a benchmark of the
/// saturated loop to tell that apart from a change in the code. A third measurement does the same with
/// <see cref="SingleWriterRing"/>, the same slots for one writer without locked instructions: what a ring per
/// recording thread would save.
/// <para>
/// While fewer than a batch wait, the reader spins <c>--reader-pause</c> iterations between looks at the queue's count.
/// Each look takes the count's cache line, which the next add must take back before its locked increment: at the
/// default (20, a look every ~100 ns) that is nearly every add, where the export thread, which sleeps between batches,
/// looks a few times per batch. <c>--reader-pause 5000</c> looks about as rarely.
/// </para>
/// </summary>
internal static class QueueHandoffTest
{
    private const int Capacity = 2048;
    private const int Batch = 512;

    public static int Run(string[] args)
    {
        var seconds = ModeArguments.Double(args, "--seconds", 1);
        var rounds = ModeArguments.Int(args, "--rounds", 3);
        var work = ModeArguments.Int(args, "--work", 60);
        var pause = ModeArguments.Int(args, "--reader-pause", 20);
        var span = NewSpan();
        var alone = new List<double>();
        var read = new List<double>();
        var singleWriter = new List<double>();
        Measure(new SharedQueueRing(Capacity), span, seconds, work, pause, withReader: false); // jit and warm up
        for (var round = 0; round < rounds; round++)
        {
            alone.Add(Measure(new SharedQueueRing(Capacity), span, seconds, work, pause, withReader: false).NsPerAdd);
            var (nsPerAdd, share) = Measure(new SharedQueueRing(Capacity), span, seconds, work, pause, withReader: true);
            read.Add(nsPerAdd);
            var (singleNsPerAdd, singleShare) = Measure(new SingleWriterRing(Capacity), span, seconds, work, pause, withReader: true);
            singleWriter.Add(singleNsPerAdd);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: alone {alone[^1]:0.0} ns per add; with a reader {nsPerAdd:0.0} ns ({share:P1} read); one writer without locked instructions, with a reader {singleNsPerAdd:0.0} ns ({singleShare:P1} read)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: alone {Median(alone):0.0} ns, with a reader {Median(read):0.0} ns per add; one writer without locked instructions {Median(singleWriter):0.0} ns"));
        return 0;
    }

    private static (double NsPerAdd, double ReadShare) Measure<TRing>(TRing queue, in RecordedSpan span, double seconds, int work, int pause, bool withReader)
        where TRing : IHandoffRing
    {
        using var stop = new CancellationTokenSource();
        long taken = 0;
        var reader = withReader ? new Thread(() => taken = Read(queue, pause, stop.Token)) { IsBackground = true } : null;
        reader?.Start();

        var clock = Stopwatch.StartNew();
        long adds = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                queue.Add(span);
                OtherWork(work);
            }

            adds += 1000;
        }

        var elapsed = clock.Elapsed;
        stop.Cancel();
        reader?.Join();
        return (elapsed.TotalMilliseconds * 1e6 / adds, (double)taken / adds);
    }

    /// <summary>Takes every span once a batch is ready, as <see cref="OutputProgress.Take"/> does; returns how many it took.</summary>
    private static long Read<TRing>(TRing queue, int pause, CancellationToken stop)
        where TRing : IHandoffRing
    {
        var batch = new RecordedSpan[Batch];
        long cursor = 0, taken = 0;
        while (!stop.IsCancellationRequested)
        {
            var added = queue.Added;
            if (added - cursor < Batch)
            {
                Thread.SpinWait(pause); // a core of its own, as the export thread has when it keeps up
                continue;
            }

            cursor = Math.Max(cursor, added - Capacity);
            for (var i = 0; i < Batch; i++, cursor++)
            {
                if (queue.TryRead(cursor, out batch[i]) == SlotRead.Ready)
                {
                    taken++;
                }
            }
        }

        return taken;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long OtherWork(int steps)
    {
        var x = 0L;
        for (var step = 0; step < steps; step++)
        {
            x = (x * 31) + step;
        }

        return x;
    }

    private static RecordedSpan NewSpan()
    {
        var start = UnixNanos.Of(DateTimeOffset.UtcNow);
        var (high, low) = RandomIds.NonZero128();
        return new RecordedSpan
        {
            Call = new RecordedCall
            {
                StartUnixNanos = start,
                EndUnixNanos = start + 250_000_000,
                Provider = "openai",
                Model = "gpt-4o",
                OperationType = "chat",
                InputTokens = 1200,
                OutputTokens = 300,
            },
            Trace = TraceIdentity.NewTrace(high, low),
        };
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
