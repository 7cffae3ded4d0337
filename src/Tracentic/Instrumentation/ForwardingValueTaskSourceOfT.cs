using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>
/// A watched <see cref="ValueTask{TResult}"/> as the caller receives it. A value task can be awaited only once, so a
/// wrapper cannot watch it beside the caller; instead every question the caller's await asks (is it done, call me when
/// it is, the result) is passed straight to the original, and the observer sees the result or the exception go by.
/// The caller gets the original's result, or its exception thrown by the original itself, unchanged.
/// </summary>
internal sealed class ForwardingValueTaskSource<T, TObserver>(ValueTask<T> inner, TObserver observer) : IValueTaskSource<T>
    where TObserver : struct, ICompletionObserver<T>
{
    public ValueTask<T> Task => new(this, 0);

    public ValueTaskSourceStatus GetStatus(short token) => ValueTaskStatus.Of(inner.IsCompleted, inner.IsCompletedSuccessfully, inner.IsCanceled);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ValueTaskStatus.OnCompleted(inner.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter(), continuation, state, flags);

    [StackTraceHidden]
    public T GetResult(short token)
    {
        T result;
        try
        {
            result = inner.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (observer.Failed(exception))
        {
            throw; // never reached: Failed returns false, so the exception travels on untouched
        }
        finally
        {
            observer.Finished();
        }

        observer.Succeeded(result);
        return result;
    }
}
