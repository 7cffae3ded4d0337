using Tracentic.Core;

namespace Tracentic.Engine;

/// <summary>
/// The SDK's own time at exit, shared by every exit path of one engine: a signal's flush and the host's stop that
/// follows it together wait at most <see cref="TracenticSettings.ExitTimeout"/>, whatever the endpoint does. Only
/// time spent waiting counts, so a host that drains requests between the two still gets what is left.
/// </summary>
internal sealed class ExitBudget(TimeSpan total, TimeProvider clock)
{
    private long _spentTicks;

    /// <summary>What is left to wait (never negative).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = total.Ticks - Interlocked.Read(ref _spentTicks);
            return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
        }
    }

    /// <summary>Blocks until <paramref name="task"/> ends or the budget is spent. Never throws.</summary>
    public bool Wait(Task task)
    {
        var started = clock.GetTimestamp();
        try
        {
            return task.Wait(Remaining);
        }
        catch (AggregateException)
        {
            return true; // it ended (its failure was logged where it happened)
        }
        finally
        {
            Charge(started);
        }
    }

    /// <summary>Waits for <paramref name="task"/> until it ends, the budget is spent or the token is cancelled. Never throws.</summary>
    public async Task<bool> WaitAsync(Task task, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            await task.WaitAsync(Remaining, clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return false;
        }
        catch (Exception)
        {
            return true; // it ended (its failure was logged where it happened)
        }
        finally
        {
            Charge(started);
        }
    }

    private void Charge(long started) => Interlocked.Add(ref _spentTicks, clock.GetElapsedTime(started).Ticks);
}
