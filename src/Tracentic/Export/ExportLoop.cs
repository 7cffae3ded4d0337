using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Decides when to send: a full batch at once, a partial one after the batch delay, everything at a flush or
/// shutdown. One request is in flight at a time. Delivery is at-least-once: a batch leaves the queue only when the
/// output settled it (delivered, or refused for its content); after any other failure it stays queued and is retried
/// with capped backoff, honouring <c>Retry-After</c>. A refused batch is split in halves until the refused span is
/// alone, so the good spans still arrive.
/// </summary>
internal sealed class ExportLoop
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(10);

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
    private readonly Task _run;

    private volatile bool _stopping;
    private int _flushCount;
    private long _wakeAtCount = long.MaxValue; // the queue length at which recording wakes the waiting loop
    private TaskCompletionSource? _wake;
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
        _run = Task.Run(RunAsync);
    }

    public SpanQueue Queue => _queue;

    /// <summary>Queues a span (dropping the oldest when full); wakes the loop when a batch is ready. Called by recording threads.</summary>
    public void Add(RecordedSpan span)
    {
        var (count, dropped) = _queue.Add(span);
        if (dropped)
        {
            Interlocked.Increment(ref _droppedSinceWarning);
            WarnDropped(force: false);
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
        Wake();
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
        Wake();
        try
        {
            await _run.WaitAsync(timeout, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _log.Logger.GaveUpWaiting("shutdown", timeout.TotalSeconds, _queue.Count);
        }
        finally
        {
            _abandon.Cancel();
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _output.Dispose();
            WarnDropped(force: true);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<RecordedSpan>(_maxBatchSize);
        var resolved = new List<ResolvedSpan>(_maxBatchSize);
        var failures = 0;
        var limit = _maxBatchSize; // lowered while a refused batch is being split
        var splitUntil = 0L;       // the sequence number where the refused batch ended
        try
        {
            while (await WaitForBatchAsync().ConfigureAwait(false))
            {
                var first = _queue.Peek(limit, batch);
                if (batch.Count == 0)
                {
                    continue;
                }

                resolved.Clear();
                foreach (var span in batch)
                {
                    resolved.Add(_resolver.Resolve(span));
                }

                ExportResult result;
                try
                {
                    result = await _output.ExportAsync(resolved, _abandon.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    _log.Logger.ExportCrashed(ex.GetType().Name);
                    result = new ExportResult(ExportStatus.Retry, resolved.Count);
                }

                var count = Math.Clamp(result.Count, 1, resolved.Count);
                switch (result.Status)
                {
                    case ExportStatus.Delivered:
                    case ExportStatus.Rejected when count == 1:
                        if (result.Status == ExportStatus.Rejected)
                        {
                            _log.Logger.SpanRejected(resolved[0].Name, result.Problem ?? "");
                        }
                        else if (failures > 0)
                        {
                            _log.Logger.ExportRecovered(failures);
                        }

                        failures = 0;
                        _queue.Acknowledge(first + count);

                        // Past the refused batch: full batches again; inside it, grow back after each success so
                        // finding k bad spans among n costs about k·log(n) requests.
                        limit = first + count >= splitUntil ? _maxBatchSize : Math.Min(_maxBatchSize, limit * 2);

                        CompleteFlushes();
                        WarnDropped(force: false);
                        break;

                    case ExportStatus.Rejected:
                        _log.Logger.BatchRejected(count, result.Problem ?? "");
                        limit = Math.Max(1, count / 2);
                        splitUntil = Math.Max(splitUntil, first + count);
                        break;

                    default:
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

                        await Task.Delay(delay, _clock, _abandon.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        break;
                }
            }
        }
        finally
        {
            CompleteFlushes(all: true);
        }
    }

    /// <summary>Waits until a batch should go out; false when the loop should end (stopping with nothing left, or abandoned).</summary>
    private async Task<bool> WaitForBatchAsync()
    {
        long? partialSince = null;
        while (true)
        {
            if (_abandon.IsCancellationRequested)
            {
                return false;
            }

            var count = _queue.Count;
            if (count >= _maxBatchSize || (count > 0 && (_stopping || Volatile.Read(ref _flushCount) > 0)))
            {
                return true;
            }

            if (count == 0 && _stopping)
            {
                return false;
            }

            var wait = Timeout.InfiniteTimeSpan;
            if (count > 0)
            {
                partialSince ??= _clock.GetTimestamp();
                wait = _batchDelay - _clock.GetElapsedTime(partialSince.Value);
                if (wait <= TimeSpan.Zero)
                {
                    return true;
                }
            }

            // Sleep until recording fills a batch (or brings the first span), a flush or shutdown asks, or the batch
            // delay ends: one wake-up per batch, not one per span. Published before the re-check, so nothing slips in.
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _wake, signal);
            Interlocked.Exchange(ref _wakeAtCount, count == 0 ? 1 : _maxBatchSize);
            try
            {
                if (_queue.Count == count && !_stopping && Volatile.Read(ref _flushCount) == 0)
                {
                    await signal.Task.WaitAsync(wait, _clock, _abandon.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _wakeAtCount, long.MaxValue);
                Interlocked.CompareExchange(ref _wake, null, signal);
            }
        }
    }

    private void Wake() => Interlocked.Exchange(ref _wake, null)?.TrySetResult();

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
