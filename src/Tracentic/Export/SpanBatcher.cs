using System.Threading.Channels;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// The bounded queue between recording and export, and the one background loop that drains it. A batch
/// is sent as soon as it is full, after <see cref="TracenticSettings.BatchDelay"/>, or when a flush asks;
/// up to <see cref="TracenticSettings.MaxConcurrentExports"/> batches are on the network at once.
/// When the queue is full the oldest span is dropped and counted.
/// </summary>
internal sealed class SpanBatcher
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(10);

    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly ISpanExporter _exporter;
    private readonly Channel<RecordedSpan> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _waitersGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private readonly Task _loop;

    private long _enqueued;
    private long _processed;
    private long _dropped;
    private long _droppedSinceWarning;
    private long _lastDropWarningTimestamp = long.MinValue; // never
    private int _waiterCount;
    private const long NotFilling = long.MaxValue;
    private long _fillTarget = NotFilling; // the enqueue count at which the waiting export loop has a full batch
    private TaskCompletionSource? _fillSignal;

    public SpanBatcher(TracenticSettings settings, TracenticLog log, ISpanExporter exporter)
    {
        _settings = settings;
        _log = log;
        _exporter = exporter;
        _channel = Channel.CreateBounded<RecordedSpan>(
            new BoundedChannelOptions(settings.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = false,
                SingleWriter = false,
                AllowSynchronousContinuations = false,
            },
            OnDropped);
        _loop = Task.Run(RunAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(RecordedSpan span)
    {
        var enqueued = Interlocked.Increment(ref _enqueued);
        if (!_channel.Writer.TryWrite(span))
        {
            Interlocked.Increment(ref _processed); // completed: shutting down
            return;
        }

        if (enqueued >= Volatile.Read(ref _fillTarget))
        {
            CutBatchWaitShort(); // a full batch is waiting
        }

        if (_log.IsDebugEnabled)
        {
            _log.Debug($"enqueued span '{OtlpJsonWriter.SpanName(span)}' (queue: {_channel.Reader.Count})");
        }
    }

    /// <summary>Waits until every span recorded before the call has been exported (or given up on).</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        if (Interlocked.Read(ref _processed) >= target)
        {
            WarnDropped(force: true);
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            _waiters.Add((target, done));
            _waiterCount = _waiters.Count;
        }

        CompleteWaiters(); // the loop may have finished in between
        CutBatchWaitShort();
        _log.Debug($"flush requested ({target - Interlocked.Read(ref _processed)} span(s) pending)");
        try
        {
            await done.Task.WaitAsync(timeout, _settings.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warn($"flush timed out after {timeout.TotalSeconds:0.#} s; {target - Interlocked.Read(ref _processed)} span(s) not yet delivered.");
        }
        finally
        {
            WarnDropped(force: true);
        }
    }

    public async Task ShutdownAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        CutBatchWaitShort();
        try
        {
            await _loop.WaitAsync(timeout, _settings.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warn($"shutdown timed out after {timeout.TotalSeconds:0.#} s; {_channel.Reader.Count} queued span(s) were not delivered.");
        }
        finally
        {
            _stop.Cancel();
            _exporter.Dispose();
            WarnDropped(force: true);
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var inFlight = new Queue<(Task Export, List<RecordedSpan> Batch)>();
        var spare = new Stack<List<RecordedSpan>>();
        var batch = new List<RecordedSpan>(_settings.MaxBatchSize);
        try
        {
            while (true)
            {
                // About to wait for spans: finish what is in flight first, so a flush sees it delivered.
                if (inFlight.Count > 0 && !reader.TryPeek(out _))
                {
                    await CompleteInFlightAsync(inFlight, spare, InFlightWait.All).ConfigureAwait(false);
                }

                if (!await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    break;
                }

                await FillBatchAsync(reader, batch).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    if (inFlight.Count >= _settings.MaxConcurrentExports)
                    {
                        await CompleteInFlightAsync(inFlight, spare, InFlightWait.Oldest).ConfigureAwait(false);
                    }

                    // Runs synchronously up to its first await (the JSON is written here), then the loop goes on
                    // filling the next batch while this one is on the network.
                    inFlight.Enqueue((ExportAsync(batch), batch));
                    batch = spare.Count > 0 ? spare.Pop() : new List<RecordedSpan>(_settings.MaxBatchSize);
                }

                var mode = Volatile.Read(ref _waiterCount) > 0 ? InFlightWait.All : InFlightWait.Finished;
                await CompleteInFlightAsync(inFlight, spare, mode).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutdown gave up waiting; what is left is reported by ShutdownAsync.
        }
        finally
        {
            await CompleteInFlightAsync(inFlight, spare, InFlightWait.All).ConfigureAwait(false);
            CompleteWaiters(all: true);
        }
    }

    private async Task ExportAsync(List<RecordedSpan> batch)
    {
        try
        {
            await _exporter.ExportAsync(batch, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutdown gave up waiting.
        }
        catch (Exception ex)
        {
            _log.Warn($"export of {batch.Count} span(s) failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private enum InFlightWait
    {
        Finished,
        Oldest,
        All,
    }

    /// <summary>
    /// Counts finished exports as processed, strictly in the order they were started, so a flush never sees
    /// spans as delivered while an older batch is still on the way. Exports never throw (see ExportAsync).
    /// </summary>
    private async Task CompleteInFlightAsync(Queue<(Task Export, List<RecordedSpan> Batch)> inFlight, Stack<List<RecordedSpan>> spare, InFlightWait wait)
    {
        while (inFlight.TryPeek(out var oldest))
        {
            if (!oldest.Export.IsCompleted)
            {
                if (wait == InFlightWait.Finished)
                {
                    return;
                }

                await oldest.Export.ConfigureAwait(false);
            }

            inFlight.Dequeue();
            Interlocked.Add(ref _processed, oldest.Batch.Count);
            oldest.Batch.Clear();
            spare.Push(oldest.Batch);
            CompleteWaiters();
            WarnDropped(force: false);
            if (wait == InFlightWait.Oldest)
            {
                return;
            }
        }
    }

    private async Task FillBatchAsync(ChannelReader<RecordedSpan> reader, List<RecordedSpan> batch)
    {
        var max = _settings.MaxBatchSize;
        var started = _settings.Clock.GetTimestamp();
        while (true)
        {
            if (Drain(reader, batch))
            {
                return;
            }

            var remaining = _settings.BatchDelay - _settings.Clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            // Sleep until about enough spans for a full batch were enqueued, a flush or shutdown asks, or the
            // delay ends: one wake-up per batch, not one per span (each costs a thread-pool dispatch).
            // Published with a full fence before the re-check, so a flush or shutdown cannot slip in between.
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _fillSignal, signal);
            try
            {
                var enqueued = Interlocked.Read(ref _enqueued);
                if (Drain(reader, batch))
                {
                    return;
                }

                // Never more than half the queue, so a queue smaller than a batch is drained before it overflows.
                var target = enqueued + Math.Min(max - batch.Count, Math.Max(1, _settings.QueueCapacity / 2));
                Interlocked.Exchange(ref _fillTarget, target);
                if (Interlocked.Read(ref _enqueued) < target)
                {
                    await signal.Task.WaitAsync(remaining, _settings.Clock).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _fillTarget, NotFilling);
                Interlocked.CompareExchange(ref _fillSignal, null, signal);
            }
        }
    }

    /// <summary>Moves queued spans into the batch; true when the batch should go out now.</summary>
    private bool Drain(ChannelReader<RecordedSpan> reader, List<RecordedSpan> batch)
    {
        while (batch.Count < _settings.MaxBatchSize && reader.TryRead(out var span))
        {
            batch.Add(span);
        }

        return batch.Count >= _settings.MaxBatchSize || Volatile.Read(ref _waiterCount) > 0 || reader.Completion.IsCompleted;
    }

    /// <summary>Ends the export loop's wait for a fuller batch (flush, shutdown, or enough spans).</summary>
    private void CutBatchWaitShort() => Interlocked.Exchange(ref _fillSignal, null)?.TrySetResult();

    private void CompleteWaiters(bool all = false)
    {
        var processed = Interlocked.Read(ref _processed);
        lock (_waitersGate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (all || _waiters[i].Target <= processed)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            _waiterCount = _waiters.Count;
        }
    }

    private void OnDropped(RecordedSpan span)
    {
        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _processed);
        Interlocked.Increment(ref _droppedSinceWarning);
        WarnDropped(force: false);
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

        var now = _settings.Clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastDropWarningTimestamp);
        if (!force && last != long.MinValue && _settings.Clock.GetElapsedTime(last, now) < DropWarningInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastDropWarningTimestamp, now, last) != last)
        {
            return; // another thread is reporting them
        }

        var count = Interlocked.Exchange(ref _droppedSinceWarning, 0);
        if (count > 0)
        {
            _log.Warn($"export queue full ({_settings.QueueCapacity}): dropped the {count} oldest span(s) ({Dropped} in total). " +
                      "Raise TracenticOptions.QueueCapacity or check that the endpoint is reachable.");
        }
    }
}
