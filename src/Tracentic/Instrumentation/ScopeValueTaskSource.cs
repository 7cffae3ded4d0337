using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>
/// A scope's <see cref="ValueTask"/> over a value task source, as the caller receives it: every question of the
/// caller's await goes straight to the original, and the scope ends as the result goes by.
/// </summary>
internal sealed class ScopeValueTaskSource(ValueTask inner, TracenticScope scope) : IValueTaskSource
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
        finally
        {
            scope.End();
        }
    }
}
