using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Reports one output's drops not reported yet, saying how many: at most one warning per interval, except when forced
/// (flush, shutdown), so a burst of drops is always counted in some warning. Recording only counts (a log line can
/// block on its writer, and recording never waits); the export thread, a flush or the shutdown reports. Thread-safe.
/// </summary>
internal sealed class DropWarnings(OutputProgress progress, int capacity, TimeProvider clock, TracenticLog log)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _reported;
    private long _lastWarning = long.MinValue; // never

    /// <summary>Whether drops wait to be reported.</summary>
    public bool Pending => progress.Dropped > Interlocked.Read(ref _reported);

    public void Report(bool force)
    {
        var total = progress.Dropped;
        if (total <= Interlocked.Read(ref _reported))
        {
            return;
        }

        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (!force && last != long.MinValue && clock.GetElapsedTime(last, now) < Interval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastWarning, now, last) != last)
        {
            return; // another thread is reporting them
        }

        var reported = Interlocked.Exchange(ref _reported, total);
        if (total > reported)
        {
            log.Logger.QueueOverflow(capacity, total - reported, total);
        }
    }

    /// <summary><paramref name="wait"/>, shortened to when the next warning is due if drops wait to be reported.</summary>
    public TimeSpan Until(TimeSpan wait)
    {
        var last = Interlocked.Read(ref _lastWarning);
        if (!Pending)
        {
            return wait;
        }

        if (last == long.MinValue)
        {
            return wait; // the first drop wakes the loop itself, which reports it at once
        }

        var left = Interval - clock.GetElapsedTime(last);
        left = left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left;
        return wait == Timeout.InfiniteTimeSpan || left < wait ? left : wait;
    }
}
