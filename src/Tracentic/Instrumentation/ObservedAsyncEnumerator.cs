using System.Diagnostics;
using System.Threading.Tasks.Sources;
using Tracentic.Instrumentation.Providers;

namespace Tracentic.Instrumentation;

/// <summary>
/// The enumerator of <see cref="ObservedAsyncEnumerable{T}"/>: forwards each call and records one span at the end. A
/// step that is still running is handed to the caller as a value task over this enumerator, which passes every
/// question of the caller's await to the source's own step (see <see cref="ForwardingValueTaskSource{T, TObserver}"/>).
/// Each step is reported to the stream's observation, which adds up the updates and records the span once; a null
/// observation only makes the scope ambient. For the pages of a paged stream <paramref name="countsAsUpdates"/> is
/// false (pages are not updates); for the items of one page <paramref name="endsStream"/> is false (the stream goes
/// on with the next page).
/// </summary>
internal sealed class ObservedAsyncEnumerator<T>(
    IAsyncEnumerator<T> inner, TracenticScope? scope, StreamObservation? observation, Func<T, LlmUsage>? usage,
    bool countsAsUpdates = true, bool endsStream = true)
    : IAsyncEnumerator<T>, IValueTaskSource<bool>
{
    private ValueTask<bool> _step; // the source's step in flight, while the caller awaits it through this
    private short _version;

    private bool _updateUnread; // the item the source moved to has not been reported to the observation yet

    /// <summary>
    /// The source's current item. An item is reported to the observation only when the caller reads it: the wrapper
    /// never asks the source for anything the caller did not.
    /// </summary>
    public T Current
    {
        get
        {
            var item = inner.Current;
            if (_updateUnread)
            {
                _updateUnread = false;
                observation?.Update(TracenticInstrumentation.ReadUsage(item, usage));
            }

            return item;
        }
    }

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

            _step = step;
            return new ValueTask<bool>(this, ++_version);
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) =>
        ValueTaskStatus.Of(_step.IsCompleted, _step.IsCompletedSuccessfully, _step.IsCanceled);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ValueTaskStatus.OnCompleted(_step.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter(), continuation, state, flags);

    [StackTraceHidden]
    bool IValueTaskSource<bool>.GetResult(short token)
    {
        bool moved;
        try
        {
            moved = _step.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (Failed(exception))
        {
            throw; // never reached
        }

        OnMoved(moved);
        return moved;
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

            var disposing = inner.DisposeAsync();
            if (endsStream)
            {
                scope?.End(); // a streamed scope lasts until its enumeration is disposed
            }

            return disposing;
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
        else
        {
            _updateUnread = countsAsUpdates && observation is not null;
        }
    }

    private bool Failed(Exception exception) => observation?.Fail(exception) ?? false;
}
