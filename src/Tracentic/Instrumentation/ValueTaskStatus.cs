using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>What the forwarding value task sources share: the status of the original, and passing a continuation on to it.</summary>
internal static class ValueTaskStatus
{
    public static ValueTaskSourceStatus Of(bool completed, bool succeeded, bool canceled) =>
        !completed ? ValueTaskSourceStatus.Pending
        : succeeded ? ValueTaskSourceStatus.Succeeded
        : canceled ? ValueTaskSourceStatus.Canceled
        : ValueTaskSourceStatus.Faulted;

    /// <summary>Registers the caller's continuation on the original, flowing the context only when the caller's await asked for it.</summary>
    public static void OnCompleted<TAwaiter>(TAwaiter awaiter, Action<object?> continuation, object? state, ValueTaskSourceOnCompletedFlags flags)
        where TAwaiter : ICriticalNotifyCompletion
    {
        Action next = () => continuation(state);
        if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
        {
            awaiter.OnCompleted(next);
        }
        else
        {
            awaiter.UnsafeOnCompleted(next);
        }
    }
}
