using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>Like <see cref="ForwardingValueTaskSource{T, TObserver}"/>, for a <see cref="ValueTask"/> without a result.</summary>
internal sealed class ForwardingValueTaskSource<TObserver>(ValueTask inner, TObserver observer) : IValueTaskSource
    where TObserver : struct, ICompletionObserver<object?>
{
    public ValueTask Task => new(this, 0);

    public ValueTaskSourceStatus GetStatus(short token) => ValueTaskStatus.Of(inner.IsCompleted, inner.IsCompletedSuccessfully, inner.IsCanceled);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ValueTaskStatus.OnCompleted(inner.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter(), continuation, state, flags);

    [StackTraceHidden]
    public void GetResult(short token)
    {
        try
        {
            inner.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (observer.Failed(exception))
        {
            throw; // never reached
        }
        finally
        {
            observer.Finished();
        }

        observer.Succeeded(null);
    }
}
