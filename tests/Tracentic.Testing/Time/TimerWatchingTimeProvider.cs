using Microsoft.Extensions.Time.Testing;

namespace Tracentic.Testing;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> (time moves only on <c>Advance</c>; timers due by then fire on the
/// advancing thread), and the one thing it does not offer: the timers the code under test has armed. The engine arms
/// its timers (the batch delay, a backoff, an export timeout) on its own thread, so a test that moved time too early
/// would move it past nothing: it waits until the timer it expects exists, then moves time to it, and can assert the
/// delay the engine chose. Only the watching is here; the clock and the timers are <see cref="FakeTimeProvider"/>'s.
/// </summary>
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly object _gate = new();
    private readonly List<WatchedTimer> _armed = [];
    private TaskCompletionSource _armedChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Arm(dueTime, period, () => base.CreateTimer(s => timer.Fired(callback, s), state, dueTime, period));
        return timer;
    }

    /// <summary>Times until the armed timers are due.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers()
    {
        lock (_gate)
        {
            var now = GetUtcNow();
            return [.. _armed.Select(t => t.DueAt - now)];
        }
    }

    /// <summary>
    /// Waits (in real time, bounded) until a timer due within [<paramref name="min"/>, <paramref name="max"/>] from now
    /// is armed, woken by each newly armed timer instead of polling; returns its due time.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan min, TimeSpan max, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var now = GetUtcNow();
                foreach (var timer in _armed)
                {
                    var due = timer.DueAt - now;
                    if (due >= min && due <= max)
                    {
                        return due;
                    }
                }

                changed = _armedChanged.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no timer due in [{min}, {max}] was armed; pending: {string.Join(", ", PendingTimers())}");
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

    /// <summary>
    /// A <see cref="FakeTimeProvider"/> timer, listed as armed from the moment the fake clock holds it (so moving time
    /// to it cannot come first) until it fires (unless periodic), is changed or is disposed.
    /// </summary>
    private sealed class WatchedTimer(TimerWatchingTimeProvider owner) : ITimer
    {
        private ITimer? _inner;
        private int _generation; // changes with each arming; a firing of an older arming must not list a newer one
        private int _firedGeneration = -1;
        private TimeSpan _period;

        public DateTimeOffset DueAt { get; private set; }

        /// <summary>Arms through <paramref name="arm"/> (which may fire at once), then lists the timer if it is still pending.</summary>
        public void Arm(TimeSpan dueTime, TimeSpan period, Func<ITimer> arm)
        {
            int generation;
            lock (owner._gate)
            {
                owner._armed.Remove(this);
                generation = ++_generation;
                _period = period;
            }

            var dueAt = owner.GetUtcNow() + dueTime;
            _inner = arm();
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            lock (owner._gate)
            {
                if (_generation != generation || (_firedGeneration == generation && !IsPeriodic))
                {
                    return; // fired already (a due time of zero), or armed again meanwhile
                }

                DueAt = _firedGeneration == generation ? dueAt + _period : dueAt; // a periodic timer that fired at once
                owner._armed.Add(this);
                owner.PulseLocked();
            }
        }

        public void Fired(TimerCallback callback, object? state)
        {
            lock (owner._gate)
            {
                _firedGeneration = _generation;
                if (IsPeriodic)
                {
                    DueAt += _period;
                    owner.PulseLocked();
                }
                else
                {
                    owner._armed.Remove(this);
                }
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = true;
            Arm(dueTime, period, () =>
            {
                changed = _inner!.Change(dueTime, period);
                return _inner;
            });
            return changed;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                _generation++;
                owner._armed.Remove(this);
            }

            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private bool IsPeriodic => _period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero;
    }

    private void PulseLocked()
    {
        _armedChanged.TrySetResult();
        _armedChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
