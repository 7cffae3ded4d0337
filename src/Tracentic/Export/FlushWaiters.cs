namespace Tracentic.Export;

/// <summary>Flushes waiting for the spans added before them to be settled by every output. Thread-safe.</summary>
internal sealed class FlushWaiters
{
    private readonly object _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiting = [];
    private int _count;

    /// <summary>Whether a flush waits (recording then wakes the loop when it drops a span a flush may wait for).</summary>
    public bool Any => Volatile.Read(ref _count) > 0;

    /// <summary>A task that completes once everything before <paramref name="target"/> is settled.</summary>
    public TaskCompletionSource Add(long target)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Add((target, done));
            Volatile.Write(ref _count, _waiting.Count);
        }

        return done;
    }

    public void Remove(TaskCompletionSource done)
    {
        lock (_gate)
        {
            _waiting.RemoveAll(waiter => waiter.Done == done);
            Volatile.Write(ref _count, _waiting.Count);
        }
    }

    /// <summary>Completes the flushes whose spans are all settled (every flush when <paramref name="settled"/> is <see cref="long.MaxValue"/>).</summary>
    public void Complete(long settled)
    {
        if (!Any)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (target, done) in _waiting)
            {
                if (target <= settled)
                {
                    done.TrySetResult();
                }
            }
        }
    }
}
