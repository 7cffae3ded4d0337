namespace Tracentic.Instrumentation;

/// <summary>
/// Records an LLM call when the task its method returned completes, without touching what the caller sees:
/// the caller keeps the original task, and this only adds a continuation beside the caller's own.
/// </summary>
internal sealed class PendingCall
{
    private readonly Task _task;
    private readonly LlmCall _call;

    private PendingCall(Task task, LlmCall call)
    {
        _task = task;
        _call = call;
    }

    public static void Observe(Task? task, LlmCall call)
    {
        if (!call.IsActive)
        {
            return;
        }

        if (task is null)
        {
            call.Succeed(default); // the method returned; what the caller does with a null task is its own affair
        }
        else if (task.IsCompleted)
        {
            Complete(task, call);
        }
        else
        {
            // Runs on the completing thread before the caller's own continuation, which is registered after it.
            task.ContinueWith(static (_, state) => ((PendingCall)state!).OnCompleted(), new PendingCall(task, call),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void OnCompleted() => Complete(_task, _call);

    private static void Complete(Task task, LlmCall call)
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Succeed(default);
        }
        else
        {
            call.Fail(FailureOf(task));
        }
    }

    /// <summary>What awaiting the task would throw: its first exception, or a cancellation.</summary>
    /// <remarks>
    /// Reading it marks the exception observed, so <see cref="TaskScheduler.UnobservedTaskException"/> is not raised for
    /// a failed task the program drops (a known difference, listed in the transparency suite).
    /// </remarks>
    internal static Exception FailureOf(Task task) => task.Exception?.InnerException ?? new TaskCanceledException(task);
}
