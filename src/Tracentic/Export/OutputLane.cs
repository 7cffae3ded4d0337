using System.Runtime.CompilerServices;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// One output's side of the export loop: its progress through the queue, its requests in flight, its backoff and its
/// bisection. Lanes share the loop's thread but nothing else, so a slow or failing output never holds up another.
/// While a backlog lasts, two requests are in flight (one batch is serialized while the previous one travels); after a
/// failure, and while a refused batch is split, one at a time.
/// </summary>
internal sealed class OutputLane
{
    /// <summary>Requests in flight while all goes well; outputs must accept this many concurrent exports.</summary>
    public const int MaxInFlight = 2;

    private readonly IExportOutput _output;
    private readonly ResolvedSpans _resolved;
    private readonly TimeProvider _clock;
    private readonly TracenticLog _log;
    private readonly TimeSpan _batchDelay;
    private readonly int _maxBatchSize;
    private readonly Action _wake;
    private readonly CancellationToken _abandon;
    private readonly Backoff _backoff;
    private readonly Bisection _bisection;
    private readonly List<ExportAttempt> _attempts = new(MaxInFlight);
    private readonly Stack<ExportAttempt> _idle = new(MaxInFlight);
    private long? _partialSince; // when a partial batch began to wait for the batch delay

    public OutputLane(IExportOutput output, SpanQueue queue, ResolvedSpans resolved, RetryPolicy retry, TracenticSettings settings, TracenticLog log, Action wake, CancellationToken abandon)
    {
        _output = output;
        _resolved = resolved;
        _clock = settings.Clock;
        _log = log;
        _batchDelay = settings.BatchDelay;
        _maxBatchSize = settings.MaxBatchSize;
        _wake = wake;
        _abandon = abandon;
        _backoff = new Backoff(retry, _clock);
        _bisection = new Bisection(_maxBatchSize);
        Progress = new OutputProgress(queue, output.SendsScopes);
        Drops = new DropWarnings(Progress, queue.Capacity, _clock, log);
    }

    public IExportOutput Output => _output;

    public OutputProgress Progress { get; }

    public DropWarnings Drops { get; }

    /// <summary>Whether nothing is in flight and nothing waits.</summary>
    public bool Done => _attempts.Count == 0 && Progress.Count == 0;

    /// <summary>Whether an attempt has ended and waits to be settled.</summary>
    public bool HasEnded => _attempts.Exists(static attempt => attempt.Task!.IsCompleted);

    /// <summary>
    /// Takes, resolves and sends what is ready: a full batch at once, a partial one after the batch delay, everything when
    /// <paramref name="urgent"/> (a flush or the shutdown). Returns how long until something may be ready without an event,
    /// and the queue length (<see cref="SpanQueue.Added"/>) at which recording should wake the loop for this lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (TimeSpan Wait, long WakeAtAdded) Start(bool urgent)
    {
        var wait = Timeout.InfiniteTimeSpan;
        while (_attempts.Count < (_backoff.Failures == 0 && !_bisection.Splitting ? MaxInFlight : 1))
        {
            if (_backoff.Remaining() is var left && left > TimeSpan.Zero)
            {
                return (left, long.MaxValue);
            }

            var waiting = Progress.WaitingCount;
            var due = waiting >= _bisection.Limit || (waiting > 0 && urgent);
            if (!due && waiting > 0 && _attempts.Count == 0)
            {
                _partialSince ??= _clock.GetTimestamp();
                var delayLeft = _batchDelay - _clock.GetElapsedTime(_partialSince.Value);
                due = delayLeft < TimeSpan.FromMilliseconds(1);
                wait = due ? wait : delayLeft;
            }

            if (!due)
            {
                break;
            }

            _partialSince = null;
            var attempt = _idle.Count > 0 ? _idle.Pop() : new ExportAttempt(_maxBatchSize);
            Progress.Take(_bisection.Limit, attempt.Batch);
            if (attempt.Batch.Count == 0)
            {
                _idle.Push(attempt);
                if (Progress.WaitingCount > 0)
                {
                    // A recording thread has the next number but is still writing its span: its add wakes the loop.
                    return (TimeSpan.FromMilliseconds(1), Progress.Cursor + 1);
                }

                break;
            }

            attempt.Resolve(_resolved);
            attempt.FailuresAtStart = _backoff.Failures;
            attempt.Task = SendAsync(attempt.Resolved);
            if (!attempt.Task.IsCompleted)
            {
                attempt.Task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wake);
            }

            _attempts.Add(attempt);
        }

        if (_attempts.Count >= (_backoff.Failures == 0 && !_bisection.Splitting ? MaxInFlight : 1))
        {
            return (wait, long.MaxValue); // only an attempt's end can start another
        }

        // Wake for the first span when none waits, else for a full batch.
        var threshold = Progress.WaitingCount == 0 ? 1 : _bisection.Limit;
        return (wait, Progress.WakeAt(threshold));
    }

    /// <summary>
    /// Settles the attempts that ended by their answer: delivered, refused for their content (halved until the bad span
    /// is alone), or kept and retried after a backoff. Returns false when shutdown abandoned an attempt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Settle()
    {
        for (var i = 0; i < _attempts.Count; i++)
        {
            var attempt = _attempts[i];
            if (!attempt.Task!.IsCompleted)
            {
                continue;
            }

            _attempts.RemoveAt(i--);
            _idle.Push(attempt);
            var result = attempt.Task.GetAwaiter().GetResult(); // completed; SendAsync never throws
            var count = Math.Clamp(result.Count, 1, attempt.Batch.Count);
            switch (result.Status)
            {
                case ExportStatus.Abandoned:
                    Progress.Release(attempt.Batch);
                    return false;

                case ExportStatus.Delivered:
                case ExportStatus.Rejected when count == 1:
                    if (result.Status == ExportStatus.Rejected)
                    {
                        _log.Logger.SpanRejected(attempt.Resolved[0].Name, result.Problem ?? "");
                    }

                    if (_backoff.Succeeded() is var failures && failures > 0 && result.Status == ExportStatus.Delivered)
                    {
                        _log.Logger.ExportRecovered(failures);
                    }

                    Progress.Settle(attempt.Batch, count);
                    _bisection.Settled(attempt.LastSequence(count));
                    for (var settled = 0; settled < count; settled++)
                    {
                        _resolved.Settled(attempt.Resolved[settled]);
                    }

                    break;

                case ExportStatus.Rejected:
                    _log.Logger.BatchRejected(count, result.Problem ?? "");
                    Progress.Release(attempt.Batch);
                    _bisection.Refused(count, attempt.LastSequence(count));
                    break;

                default:
                    Progress.Release(attempt.Batch);
                    if (attempt.FailuresAtStart != _backoff.Failures)
                    {
                        break; // sent alongside one that failed already: the same outage, already backing off
                    }

                    var delay = _backoff.Failed(result.RetryAfter);
                    if (_backoff.Failures == 1)
                    {
                        _log.Logger.ExportFailed(result.Problem ?? "", count, delay.TotalMilliseconds);
                    }
                    else
                    {
                        _log.Logger.ExportFailedAgain(_backoff.Failures, result.Problem ?? "", delay.TotalMilliseconds);
                    }

                    break;
            }

            attempt.Forget(); // its spans are settled or waiting again elsewhere: an idle attempt holds none
        }

        return true;
    }

    /// <summary>One attempt never throws: a crash of the output is a failed attempt, abandonment says so.</summary>
    private async Task<ExportResult> SendAsync(List<ResolvedSpan> batch)
    {
        try
        {
            return await _output.ExportAsync(batch, _abandon).ConfigureAwait(false);
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
}
