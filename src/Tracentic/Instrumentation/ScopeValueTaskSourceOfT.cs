using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>Like <see cref="ScopeValueTaskSource"/>, for a <see cref="ValueTask{TResult}"/>.</summary>
internal sealed class ScopeValueTaskSource<T>(ValueTask<T> inner, TracenticScope scope) : IValueTaskSource<T>
{
    public ValueTask<T> Task => new(this, 0);

    public ValueTaskSourceStatus GetStatus(short token) => ValueTaskStatus.Of(inner.IsCompleted, inner.IsCompletedSuccessfully, inner.IsCanceled);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ValueTaskStatus.OnCompleted(inner.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter(), continuation, state, flags);

    [StackTraceHidden]
    public T GetResult(short token)
    {
        try
        {
            return inner.GetAwaiter().GetResult();
        }
        finally
        {
            scope.End();
        }
    }
}
