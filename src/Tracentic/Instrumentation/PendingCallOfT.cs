namespace Tracentic.Instrumentation;

/// <summary>Like <see cref="PendingCall"/>, reading usage from the result of a <see cref="Task{TResult}"/>.</summary>
internal sealed class PendingCall<T>
{
    private readonly Task<T> _task;
    private readonly LlmCall _call;
    private readonly Func<T, LlmUsage>? _usage;

    private PendingCall(Task<T> task, LlmCall call, Func<T, LlmUsage>? usage)
    {
        _task = task;
        _call = call;
        _usage = usage;
    }

    public static void Observe(Task<T>? task, LlmCall call, Func<T, LlmUsage>? usage)
    {
        if (!call.IsActive)
        {
            return;
        }

        if (task is null)
        {
            call.Succeed(default);
        }
        else if (task.IsCompleted)
        {
            Complete(task, call, usage);
        }
        else
        {
            task.ContinueWith(static (_, state) => ((PendingCall<T>)state!).OnCompleted(), new PendingCall<T>(task, call, usage),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void OnCompleted() => Complete(_task, _call, _usage);

    private static void Complete(Task<T> task, LlmCall call, Func<T, LlmUsage>? usage)
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Succeed(TracenticInstrumentation.ReadUsage(task.Result, usage));
        }
        else
        {
            call.Fail(PendingCall.FailureOf(task));
        }
    }
}
