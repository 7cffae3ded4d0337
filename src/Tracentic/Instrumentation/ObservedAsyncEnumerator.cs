using Tracentic.Instrumentation.Providers;

namespace Tracentic.Instrumentation;

/// <summary>
/// The enumerator of <see cref="ObservedAsyncEnumerable{T}"/>: forwards each call and reports each step to the
/// stream's observation, which records one span at the end. A null observation only makes the scope ambient. For the
/// pages of a paged stream, <paramref name="countsAsUpdates"/> is false (pages are not updates); for the items of one
/// page, <paramref name="endsStream"/> is false (the stream goes on with the next page).
/// </summary>
internal sealed class ObservedAsyncEnumerator<T>(
    IAsyncEnumerator<T> inner, TracenticScope? scope, StreamObservation? observation, Func<T, LlmUsage>? usage,
    bool countsAsUpdates = true, bool endsStream = true)
    : IAsyncEnumerator<T>
{
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

            if (observation is null)
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
            // Disposed before the end: the span closes now, marked incomplete (nothing happens if it already ended).
            if (endsStream)
            {
                observation?.End(completed: false);
            }

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
            if (endsStream)
            {
                observation?.End(completed: true);
            }
        }
        else if (countsAsUpdates)
        {
            observation?.Update(TracenticInstrumentation.ReadUsage(inner.Current, usage));
        }
    }

    private bool Failed(Exception exception) => observation?.Fail(exception) ?? false;
}
