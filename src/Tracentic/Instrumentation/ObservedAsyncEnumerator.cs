namespace Tracentic.Instrumentation;

/// <summary>The enumerator of <see cref="ObservedAsyncEnumerable{T}"/>: forwards each call and records one span at the end.</summary>
internal sealed class ObservedAsyncEnumerator<T>(IAsyncEnumerator<T> inner, TracenticScope? scope, LlmCall call, Func<T, LlmUsage>? usage)
    : IAsyncEnumerator<T>
{
    private static readonly KeyValuePair<string, object?>[] Incomplete = [new("llm.stream.completed", false)];

    private long? _inputTokens;
    private long? _outputTokens;
    private string? _model;
    private long? _firstItemTimestamp;
    private int _recorded; // 0 until the span is recorded; recorded once whatever the caller does

    public T Current => inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        using (TracenticInstrumentation.Activate(scope))
        {
            ValueTask<bool> step;
            try
            {
                step = inner.MoveNextAsync();
            }
            catch (Exception exception) when (Failed(exception))
            {
                throw; // never reached
            }

            if (!call.IsActive)
            {
                return step;
            }

            if (step.IsCompletedSuccessfully)
            {
                var moved = step.Result; // a value task is read once: hand the caller the value instead
                OnMoved(moved);
                return new ValueTask<bool>(moved);
            }

            // Not yet moved (or failed): the caller awaits the same work as a task. The step is observed by a
            // continuation that runs inline — at once if it is already complete, else on the completing thread before
            // the caller's own continuation, which is registered after it — so the span is current before the caller
            // takes its next step.
            var pending = step.AsTask();
            pending.ContinueWith(static (task, state) => ((ObservedAsyncEnumerator<T>)state!).OnStepCompleted((Task<bool>)task), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return new ValueTask<bool>(pending);
        }
    }

    public ValueTask DisposeAsync()
    {
        using (TracenticInstrumentation.Activate(scope))
        {
            // Disposed before the end: the span closes now, marked incomplete.
            Record(null, Incomplete);
            return inner.DisposeAsync();
        }
    }

    private void OnStepCompleted(Task<bool> step)
    {
        if (step.IsCompletedSuccessfully)
        {
            OnMoved(step.Result);
        }
        else
        {
            Failed(PendingCall.FailureOf(step));
        }
    }

    private void OnMoved(bool moved)
    {
        if (!moved)
        {
            Record(null, null);
            return;
        }

        _firstItemTimestamp ??= (TracenticSdk.Instance?.Clock ?? TimeProvider.System).GetTimestamp();

        // Providers report usage on some chunks only (often the last): keep the latest non-null values.
        var seen = TracenticInstrumentation.ReadUsage(inner.Current, usage);
        _inputTokens = seen.InputTokens ?? _inputTokens;
        _outputTokens = seen.OutputTokens ?? _outputTokens;
        _model = seen.Model ?? _model;
    }

    private bool Failed(Exception exception)
    {
        Record(exception, null);
        return false;
    }

    private void Record(Exception? exception, KeyValuePair<string, object?>[]? extra)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            call.Record(new LlmUsage(_inputTokens, _outputTokens, _model), exception, extra, _firstItemTimestamp);
        }
    }
}
