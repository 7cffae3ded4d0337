namespace Tracentic.Testing;

/// <summary>A clock that only moves when told to; its timers fire on <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _timestamp;
    private TaskCompletionSource _timersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and runs every timer that became due (on the thread pool).</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            _timestamp += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _timestamp).ToList();
            foreach (var timer in due)
            {
                if (timer.Period is { } period)
                {
                    timer.DueAt = _timestamp + period.Ticks;
                }
                else
                {
                    _timers.Remove(timer);
                }
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Times until the pending timers are due.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers()
    {
        lock (_gate)
        {
            return [.. _timers.Select(t => TimeSpan.FromTicks(t.DueAt - _timestamp))];
        }
    }

    /// <summary>
    /// Waits (in real time, bounded) until a timer due within [<paramref name="min"/>, <paramref name="max"/>] from now
    /// is pending, woken by each new timer instead of polling; returns its due time.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan min, TimeSpan max, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var timer in _timers)
                {
                    var due = TimeSpan.FromTicks(timer.DueAt - _timestamp);
                    if (due >= min && due <= max)
                    {
                        return due;
                    }
                }

                changed = _timersChanged.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no timer due in [{min}, {max}] was created; pending: {string.Join(", ", PendingTimers())}");
            }
        }
    }

    /// <summary>Waits for a timer due within [<paramref name="min"/>, <paramref name="max"/>], then moves the clock to it.</summary>
    public async Task<TimeSpan> AdvanceToTimerAsync(TimeSpan min, TimeSpan max, TimeSpan timeout)
    {
        var due = await WaitForTimerAsync(min, max, timeout);
        Advance(due);
        return due;
    }

    private void PulseLocked()
    {
        _timersChanged.TrySetResult();
        _timersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt;
        public TimeSpan? Period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fireNow = false;
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                DueAt = owner._timestamp + dueTime.Ticks;
                if (dueTime <= TimeSpan.Zero)
                {
                    fireNow = true;
                    if (Period is { } p)
                    {
                        DueAt = owner._timestamp + p.Ticks;
                        owner._timers.Add(this);
                        owner.PulseLocked();
                    }
                }
                else
                {
                    owner._timers.Add(this);
                }

                owner.PulseLocked();
            }

            if (fireNow)
            {
                Fire();
            }

            return true;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
