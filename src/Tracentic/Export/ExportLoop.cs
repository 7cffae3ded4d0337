using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// The export thread: for each output, take what is ready from the one queue, resolve it (once for all outputs), send
/// it, and settle it by the answer; then sleep until something changes. Delivery is at-least-once per output: a batch
/// leaves an output's progress only when that output settled it (see <see cref="OutputLane"/>, <see cref="Backoff"/>,
/// <see cref="Bisection"/>). The thread sleeps on an event and is woken once per batch, not once per span, as the
/// OpenTelemetry SDK's batch processor does; requests stay asynchronous. It is started by <see cref="Start"/> and
/// first runs its per-span path once on made-up spans (<see cref="ExportWarmUp"/>).
/// </summary>
internal sealed class ExportLoop
{
    private readonly SpanQueue _queue;
    private readonly SpanResolver _resolver;
    private readonly OutputLane[] _lanes;
    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly CancellationTokenSource _abandon = new();
    private readonly FlushWaiters _flushes = new();
    private readonly ManualResetEventSlim _wakeEvent = new(false, spinCount: 0);
    private readonly TaskCompletionSource _run = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile bool _stopping;
    private long _wakeAtAdded = long.MaxValue; // the queue length at which recording wakes the waiting loop
    private int _sleeping; // 1 while the loop sleeps (or is about to): the first wake-up sets the event
    private int _events; // flushes, shutdown requests and first drops so far
    private int _dropSignalled; // 1 once recording signalled a drop the loop has not reported yet

    public ExportLoop(IReadOnlyList<IExportOutput> outputs, RetryPolicy retry, TracenticSettings settings, TracenticLog log)
    {
        _queue = new SpanQueue(settings.QueueCapacity);
        _settings = settings;
        _log = log;
        _resolver = new SpanResolver(settings, log);
        var resolved = new ResolvedSpans(
            _resolver,
            outputs.Count > 1 ? settings.QueueCapacity : 0,
            spanTakers: outputs.Count,
            scopeTakers: outputs.Count(output => output.SendsScopes),
            maxFree: Math.Min(settings.QueueCapacity, OutputLane.MaxInFlight * settings.MaxBatchSize)); // a round of batches
        _lanes = [.. outputs.Select(output => new OutputLane(output, _queue, resolved, retry, settings, log, Wake, _abandon.Token))];
        _abandon.Token.Register(Wake);
    }

    /// <summary>Spans dropped because an output fell a whole capacity behind (summed over the outputs).</summary>
    public long Dropped => _lanes.Sum(lane => lane.Progress.Dropped);

    /// <summary>Spans the first output has waiting or in flight.</summary>
    public int Count => _lanes[0].Progress.Count;

    /// <summary>Starts the loop on a thread of its own (once).</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "Tracentic export" }.Start();

    /// <summary>Queues a span for every output (pushing out the oldest when one is full); wakes the loop when a batch is ready. Called by recording threads.</summary>
    public void Add(in RecordedSpan span)
    {
        var (sequence, dropped) = _queue.Add(span);
        if (dropped)
        {
            // Counted by the outputs' progress, reported by the loop: a log line can block, and recording never waits.
            if (Volatile.Read(ref _dropSignalled) == 0 && Interlocked.Exchange(ref _dropSignalled, 1) == 0)
            {
                Signal();
            }
            else if (_flushes.Any)
            {
                Wake(); // a flush may have been waiting for the span that was dropped
            }
        }

        if (sequence + 1 >= Volatile.Read(ref _wakeAtAdded))
        {
            Wake();
        }
    }

    /// <summary>Waits until every span added before the call is settled by every output; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = _queue.Added;
        if (Settled() >= target)
        {
            ReportDrops(force: true);
            return true;
        }

        var done = _flushes.Add(target);
        _flushes.Complete(Settled()); // the loop may have settled them in between
        Signal();
        try
        {
            await done.Task.WaitAsync(timeout, _settings.Clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            _log.Logger.GaveUpWaiting("flush", timeout.TotalSeconds, Math.Max(0, target - Settled()));
            return false;
        }
        finally
        {
            _flushes.Remove(done);
            ReportDrops(force: true);
        }
    }

    /// <summary>
    /// Sends what is queued and stops. After <paramref name="timeout"/> (or cancellation) it abandons the requests in
    /// flight and what is left, and says how many spans that was. Never throws.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping = true;
        Signal();
        try
        {
            await _run.Task.WaitAsync(timeout, _settings.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _log.Logger.GaveUpWaiting("shutdown", timeout.TotalSeconds, _lanes.Max(lane => lane.Progress.Count));
        }
        finally
        {
            _abandon.Cancel();
            await _run.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var lane in _lanes)
            {
                lane.Output.Dispose();
            }

            ReportDrops(force: true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        WarmUp();
        try
        {
            while (!_abandon.IsCancellationRequested)
            {
                var eventsSeen = Volatile.Read(ref _events);
                ReportDrops(force: false);

                var wait = Timeout.InfiniteTimeSpan;
                var wakeAt = long.MaxValue;
                var urgent = _stopping || _flushes.Any;
                foreach (var lane in _lanes)
                {
                    var (laneWait, laneWakeAt) = lane.Start(urgent);
                    wait = Earlier(wait, lane.Drops.Until(laneWait));
                    wakeAt = Math.Min(wakeAt, laneWakeAt);
                }

                var slowest = SlowestCursor();
                _queue.SlowestCursorIs(slowest);
                if (_stopping && Array.TrueForAll(_lanes, static lane => lane.Done))
                {
                    return;
                }

                Sleep(wait, wakeAt, eventsSeen, slowest);

                foreach (var lane in _lanes)
                {
                    if (!lane.Settle())
                    {
                        return; // shutdown abandoned the request in flight
                    }
                }

                _flushes.Complete(Settled());
            }
        }
        catch (Exception ex)
        {
            // A thread of our own: an exception escaping it would end the application.
            _log.Logger.ExportLoopCrashed(ex.GetType().Name);
        }
        finally
        {
            _flushes.Complete(long.MaxValue);
            _run.TrySetResult();
        }
    }

    /// <summary>Compiles the per-span path before the first span needs it (<see cref="ExportWarmUp"/>).</summary>
    private void WarmUp()
    {
        try
        {
            ExportWarmUp.Run(_settings, _lanes.Select(static lane => lane.Output));
        }
        catch (Exception)
        {
            // Made-up spans only: whatever failed here would fail on the first real span too, and be reported there.
        }
    }

    /// <summary>Everything added before this sequence number is settled by every output.</summary>
    private long Settled()
    {
        var settled = long.MaxValue;
        foreach (var lane in _lanes)
        {
            settled = Math.Min(settled, lane.Progress.Settled);
        }

        return settled;
    }

    private long SlowestCursor()
    {
        var cursor = long.MaxValue;
        foreach (var lane in _lanes)
        {
            cursor = Math.Min(cursor, lane.Progress.Cursor);
        }

        return cursor;
    }

    /// <summary>
    /// Sleeps until an attempt ends, recording brings the queue to <paramref name="wakeAt"/> spans (a batch, or the first
    /// span), a flush, a first drop or the shutdown asks, or <paramref name="wait"/> (the batch delay, a backoff, a drop
    /// warning) ends. The wake-up is armed before the re-check, so nothing slips in between. Only then are the slots of
    /// the spans every output has taken (before <paramref name="taken"/>) cleared, and the resolver's cache of repeated
    /// attributes: in idle time, so a loop that never rests (recording faster than it exports) does not write into
    /// the ring recording is writing.
    /// </summary>
    private void Sleep(TimeSpan wait, long wakeAt, int eventsSeen, long taken)
    {
        _wakeEvent.Reset();
        Volatile.Write(ref _sleeping, 1);
        Interlocked.Exchange(ref _wakeAtAdded, wakeAt);
        try
        {
            if (_queue.Added >= wakeAt || Volatile.Read(ref _events) != eventsSeen || _abandon.IsCancellationRequested
                || Array.Exists(_lanes, static lane => lane.HasEnded))
            {
                return;
            }

            _queue.ForgetBefore(taken);
            _resolver.ForgetRepeatedAttributes();
            using var timer = wait == Timeout.InfiniteTimeSpan ? null : _settings.Clock.CreateTimer(static loop => ((ExportLoop)loop!).Wake(), this, wait, Timeout.InfiniteTimeSpan);
            _wakeEvent.Wait();
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAtAdded, long.MaxValue);
            Volatile.Write(ref _sleeping, 0);
        }
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wakeEvent.Set();
        }
    }

    /// <summary>A flush, the shutdown or a first drop asked for something: the loop re-evaluates even if it was about to sleep.</summary>
    private void Signal()
    {
        Interlocked.Increment(ref _events);
        Wake();
    }

    private void ReportDrops(bool force)
    {
        var pending = false;
        foreach (var lane in _lanes)
        {
            lane.Drops.Report(force);
            pending |= lane.Drops.Pending;
        }

        if (!pending)
        {
            Volatile.Write(ref _dropSignalled, 0); // the next drop wakes the loop again
        }
    }

    private static TimeSpan Earlier(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;
}
