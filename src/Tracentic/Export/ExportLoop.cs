using System.Runtime.CompilerServices;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Decides when to send: a full batch at once, a partial one after the batch delay, everything at a flush or
/// shutdown. While a backlog lasts, two requests are in flight, so one batch is serialized while the previous one
/// travels; after a failure, and while a refused batch is split, one at a time. Delivery is at-least-once: a batch leaves the queue only when the
/// output settled it (delivered, or refused for its content); after any other failure it stays queued and is retried
/// with capped backoff, honouring <c>Retry-After</c>. A refused batch is split in halves until the refused span is
/// alone, so the good spans still arrive.
/// The loop runs on a thread of its own that sleeps on an event between batches, as the OpenTelemetry SDK's batch
/// processor does: waking pool threads for every batch, and their spinning afterwards, cost more CPU than the export.
/// </summary>
internal sealed class ExportLoop
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight while all goes well; outputs must accept this many concurrent exports.</summary>
    public const int MaxInFlight = 2;

    private readonly SpanQueue _queue;
    private readonly IExportOutput _output;
    private readonly SpanResolver _resolver;
    private readonly RetryPolicy _retry;
    private readonly TimeProvider _clock;
    private readonly TracenticLog _log;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _batchDelay;
    private readonly CancellationTokenSource _abandon = new();
    private readonly object _flushGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private readonly ManualResetEventSlim _wakeEvent = new(false, spinCount: 0);
    private readonly TaskCompletionSource _run = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile bool _stopping;
    private int _flushCount;
    private long _wakeAtCount = long.MaxValue; // the queue length at which recording wakes the waiting loop
    private int _sleeping; // 1 while the loop sleeps (or is about to): the first wake-up sets the event
    private int _events; // flushes and shutdown requests so far
    private long _droppedSinceWarning;
    private long _lastDropWarning = long.MinValue; // never

    public ExportLoop(SpanQueue queue, IExportOutput output, SpanResolver resolver, RetryPolicy retry, TracenticSettings settings, TracenticLog log)
    {
        _queue = queue;
        _output = output;
        _resolver = resolver;
        _retry = retry;
        _clock = settings.Clock;
        _log = log;
        _maxBatchSize = settings.MaxBatchSize;
        _batchDelay = settings.BatchDelay;
        _abandon.Token.Register(Wake);
    }

    /// <summary>Starts the loop on a thread of its own (once; the pipeline starts every loop it made).</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = "Tracentic export" }.Start();

    public SpanQueue Queue => _queue;

    /// <summary>Queues a span (dropping the oldest when full); wakes the loop when a batch is ready. Called by recording threads.</summary>
    public void Add(RecordedSpan span)
    {
        var (count, dropped) = _queue.Add(span);
        if (dropped)
        {
            // Counted here, reported by the loop: a log line can block on its writer, and recording never waits.
            if (Interlocked.Increment(ref _droppedSinceWarning) == 1)
            {
                Signal();
            }

            if (Volatile.Read(ref _flushCount) > 0)
            {
                CompleteFlushes(); // a flush may have been waiting for the span that was dropped
            }
        }

        if (count >= Volatile.Read(ref _wakeAtCount))
        {
            Wake();
        }
    }

    /// <summary>Waits until every span added before the call is settled; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = _queue.Added;
        if (_queue.Settled >= target)
        {
            WarnDropped(force: true);
            return true;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_flushGate)
        {
            _flushes.Add((target, done));
            _flushCount = _flushes.Count;
        }

        CompleteFlushes(); // the loop may have settled them in between
        Signal();
        try
        {
            await done.Task.WaitAsync(timeout, _clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            _log.Logger.GaveUpWaiting("flush", timeout.TotalSeconds, target - _queue.Settled);
            return false;
        }
        finally
        {
            lock (_flushGate)
            {
                _flushes.Remove((target, done));
                _flushCount = _flushes.Count;
            }

            WarnDropped(force: true);
        }
    }

    /// <summary>
    /// Sends what is queued and stops. After <paramref name="timeout"/> (or cancellation) it abandons the request in
    /// flight and what is left, and says how many spans that was. Never throws.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping = true;
        Signal();
        try
        {
            await _run.Task.WaitAsync(timeout, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _log.Logger.GaveUpWaiting("shutdown", timeout.TotalSeconds, _queue.Count);
        }
        finally
        {
            _abandon.Cancel();
            await _run.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _output.Dispose();
            WarnDropped(force: true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var attempts = new List<ExportAttempt>(MaxInFlight);
        var idle = new Stack<ExportAttempt>(MaxInFlight);
        var failures = 0;
        var limit = _maxBatchSize;    // lowered while a refused batch is being split
        var splitUntil = 0L;          // the sequence number where the refused batch ended
        var failedAt = 0L;            // when the last attempt failed
        var backoff = TimeSpan.Zero;  // how long after that nothing is sent
        long? partialSince = null;    // when a partial batch began to wait for the batch delay
        try
        {
            while (!_abandon.IsCancellationRequested)
            {
                var eventsSeen = Volatile.Read(ref _events);
                WarnDropped(force: false);

                // Start what is ready. A second request goes out only when the previous ones succeeded and a full batch
                // waits (a backlog); after a failure, and while a refused batch is being split, one at a time.
                var wait = Timeout.InfiniteTimeSpan;
                var canStart = true;
                while (canStart = attempts.Count < (failures == 0 && limit == _maxBatchSize ? MaxInFlight : 1))
                {
                    if (backoff > TimeSpan.Zero)
                    {
                        // Timers have millisecond resolution: less than that left is over.
                        var left = backoff - _clock.GetElapsedTime(failedAt);
                        if (left >= TimeSpan.FromMilliseconds(1))
                        {
                            wait = left;
                            canStart = false;
                            break;
                        }

                        backoff = TimeSpan.Zero;
                    }

                    var waiting = _queue.WaitingCount;
                    var due = waiting >= limit || (waiting > 0 && (_stopping || Volatile.Read(ref _flushCount) > 0));
                    if (!due && waiting > 0 && attempts.Count == 0)
                    {
                        partialSince ??= _clock.GetTimestamp();
                        var left = _batchDelay - _clock.GetElapsedTime(partialSince.Value);
                        due = left < TimeSpan.FromMilliseconds(1);
                        wait = due ? wait : left;
                    }

                    if (!due)
                    {
                        break;
                    }

                    partialSince = null;
                    var attempt = idle.Count > 0 ? idle.Pop() : new ExportAttempt(_maxBatchSize);
                    _queue.Take(limit, attempt.Batch, attempt.Sequence);
                    if (attempt.Batch.Count == 0)
                    {
                        idle.Push(attempt);
                        break;
                    }

                    attempt.Resolve(_resolver);

                    attempt.FailuresAtStart = failures;
                    attempt.Task = SendAsync(attempt.Resolved);
                    if (!attempt.Task.IsCompleted)
                    {
                        attempt.Task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Wake);
                    }

                    attempts.Add(attempt);
                }

                if (attempts.Count == 0 && _stopping && _queue.Count == 0)
                {
                    return;
                }

                var wakeAt = !canStart ? long.MaxValue : _queue.WaitingCount == 0 ? 1 : limit;
                Sleep(attempts, UntilDropWarning(wait), wakeAt, eventsSeen);

                for (var i = 0; i < attempts.Count; i++)
                {
                    var attempt = attempts[i];
                    if (!attempt.Task!.IsCompleted)
                    {
                        continue;
                    }

                    attempts.RemoveAt(i--);
                    idle.Push(attempt);
                    var result = attempt.Task.GetAwaiter().GetResult(); // completed; SendAsync never throws
                    var count = Math.Clamp(result.Count, 1, attempt.Resolved.Count);
                    switch (result.Status)
                    {
                        case ExportStatus.Abandoned:
                            Dropped(_queue.Release(attempt.Batch, attempt.Sequence));
                            return;

                        case ExportStatus.Delivered:
                        case ExportStatus.Rejected when count == 1:
                            if (result.Status == ExportStatus.Rejected)
                            {
                                _log.Logger.SpanRejected(attempt.Resolved[0].Name, result.Problem ?? "");
                            }
                            else if (failures > 0)
                            {
                                _log.Logger.ExportRecovered(failures);
                            }

                            failures = 0;
                            Dropped(_queue.Settle(attempt.Batch, attempt.Sequence, count));

                            // Past the refused batch: full batches again; inside it, grow back after each success so
                            // finding k bad spans among n costs about k·log(n) requests.
                            limit = attempt.Sequence[count - 1] + 1 >= splitUntil ? _maxBatchSize : Math.Min(_maxBatchSize, limit * 2);

                            CompleteFlushes();
                            WarnDropped(force: false);
                            break;

                        case ExportStatus.Rejected:
                            _log.Logger.BatchRejected(count, result.Problem ?? "");
                            Dropped(_queue.Release(attempt.Batch, attempt.Sequence));
                            limit = Math.Max(1, count / 2);
                            splitUntil = Math.Max(splitUntil, attempt.Sequence[count - 1] + 1);
                            break;

                        default:
                            Dropped(_queue.Release(attempt.Batch, attempt.Sequence));
                            if (attempt.FailuresAtStart != failures)
                            {
                                break; // sent alongside one that failed already: the same outage, already backing off
                            }

                            failures++;
                            var delay = _retry.Delay(failures, result.RetryAfter);
                            if (failures == 1)
                            {
                                _log.Logger.ExportFailed(result.Problem ?? "", count, delay.TotalMilliseconds);
                            }
                            else
                            {
                                _log.Logger.ExportFailedAgain(failures, result.Problem ?? "", delay.TotalMilliseconds);
                            }

                            failedAt = _clock.GetTimestamp();
                            backoff = delay;
                            break;
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // A thread of our own: an exception escaping it would end the application.
            _log.Logger.ExportLoopCrashed(ex.GetType().Name);
        }
        finally
        {
            CompleteFlushes(all: true);
            _run.TrySetResult();
        }
    }

    /// <summary>One attempt never throws: a crash of the output is a failed attempt, abandonment says so.</summary>
    private async Task<ExportResult> SendAsync(List<ResolvedSpan> batch)
    {
        try
        {
            return await _output.ExportAsync(batch, _abandon.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            return new ExportResult(ExportStatus.Abandoned, batch.Count);
        }
        catch (Exception ex)
        {
            _log.Logger.ExportCrashed(ex.GetType().Name);
            return new ExportResult(ExportStatus.Retry, batch.Count);
        }
    }

    /// <summary>
    /// Sleeps until an attempt ends, recording brings <paramref name="wakeAt"/> waiting spans (a batch, or the first
    /// span), a flush or shutdown asks, or <paramref name="wait"/> (the batch delay, a backoff) ends: one wake-up per
    /// batch, not one per span. The wake-up is armed before the re-check, so nothing slips in between.
    /// </summary>
    private void Sleep(List<ExportAttempt> attempts, TimeSpan wait, long wakeAt, int eventsSeen)
    {
        _wakeEvent.Reset();
        Volatile.Write(ref _sleeping, 1);
        Interlocked.Exchange(ref _wakeAtCount, wakeAt);
        try
        {
            if (_queue.WaitingCount >= wakeAt || Volatile.Read(ref _events) != eventsSeen || _abandon.IsCancellationRequested
                || attempts.Exists(a => a.Task!.IsCompleted))
            {
                return;
            }

            using var timer = wait == Timeout.InfiniteTimeSpan ? null : _clock.CreateTimer(static loop => ((ExportLoop)loop!).Wake(), this, wait, Timeout.InfiniteTimeSpan);
            _wakeEvent.Wait();
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAtCount, long.MaxValue);
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

    /// <summary>Counts spans a failed batch lost on its way back to a full queue.</summary>
    private void Dropped(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _droppedSinceWarning, count);
            WarnDropped(force: false);
        }
    }

    /// <summary>A flush or shutdown asked for something: the loop re-evaluates even if it was about to sleep.</summary>
    private void Signal()
    {
        Interlocked.Increment(ref _events);
        Wake();
    }

    private void CompleteFlushes(bool all = false)
    {
        var settled = _queue.Settled;
        lock (_flushGate)
        {
            foreach (var (target, done) in _flushes)
            {
                if (all || target <= settled)
                {
                    done.TrySetResult();
                }
            }
        }
    }

    /// <summary><paramref name="wait"/>, shortened to when the next drop warning is due if drops wait to be reported.</summary>
    private TimeSpan UntilDropWarning(TimeSpan wait)
    {
        var last = Interlocked.Read(ref _lastDropWarning);
        if (Interlocked.Read(ref _droppedSinceWarning) == 0 || last == long.MinValue)
        {
            return wait;
        }

        var left = DropWarningInterval - _clock.GetElapsedTime(last);
        left = left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left;
        return wait == Timeout.InfiniteTimeSpan || left < wait ? left : wait;
    }

    /// <summary>
    /// Reports drops not reported yet, saying how many. Rate-limited to one warning per interval, except when
    /// <paramref name="force"/>d (flush, shutdown), so a burst of drops is always counted in some warning.
    /// </summary>
    private void WarnDropped(bool force)
    {
        if (Interlocked.Read(ref _droppedSinceWarning) == 0)
        {
            return;
        }

        var now = _clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastDropWarning);
        if (!force && last != long.MinValue && _clock.GetElapsedTime(last, now) < DropWarningInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastDropWarning, now, last) != last)
        {
            return; // another thread is reporting them
        }

        var count = Interlocked.Exchange(ref _droppedSinceWarning, 0);
        if (count > 0)
        {
            _log.Logger.QueueOverflow(_queue.Capacity, count, _queue.Dropped);
        }
    }
}
