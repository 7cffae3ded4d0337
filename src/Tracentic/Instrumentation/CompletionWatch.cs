namespace Tracentic.Instrumentation;

/// <summary>
/// Tells an <see cref="ICompletionObserver{T}"/> when a task completes, without touching what the caller sees: the
/// caller keeps the original task, and this only adds a continuation beside the caller's own.
/// </summary>
internal static class CompletionWatch
{
    public static void Watch<TObserver>(Task? task, TObserver observer)
        where TObserver : struct, ICompletionObserver<object?>
    {
        if (task is null)
        {
            // The method returned; what the caller does with a null task is its own affair.
            observer.Succeeded(null);
            observer.Finished();
        }
        else if (task.IsCompleted)
        {
            Complete(task, observer);
        }
        else
        {
            // Runs on the completing thread before the caller's own continuation, which is registered after it.
            task.ContinueWith(static (done, state) => Complete(done, (TObserver)state!), observer,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public static void Watch<T, TObserver>(Task<T>? task, TObserver observer)
        where TObserver : struct, ICompletionObserver<T>
    {
        if (task is null)
        {
            observer.Succeeded(default!);
            observer.Finished();
        }
        else if (task.IsCompleted)
        {
            Complete(task, observer);
        }
        else
        {
            task.ContinueWith(static (done, state) => Complete((Task<T>)done, (TObserver)state!), observer,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static void Complete<TObserver>(Task task, TObserver observer)
        where TObserver : struct, ICompletionObserver<object?>
    {
        if (task.IsCompletedSuccessfully)
        {
            observer.Succeeded(null);
        }
        else
        {
            observer.Failed(FailureOf(task));
        }

        observer.Finished();
    }

    private static void Complete<T, TObserver>(Task<T> task, TObserver observer)
        where TObserver : struct, ICompletionObserver<T>
    {
        if (task.IsCompletedSuccessfully)
        {
            observer.Succeeded(task.Result);
        }
        else
        {
            observer.Failed(FailureOf(task));
        }

        observer.Finished();
    }

    /// <summary>What awaiting the task would throw: its first exception, or a cancellation.</summary>
    /// <remarks>
    /// Reading it marks the exception observed, so <see cref="TaskScheduler.UnobservedTaskException"/> is not raised for
    /// a failed task the program drops (a known difference, listed in the transparency suite).
    /// </remarks>
    private static Exception FailureOf(Task task) => task.Exception?.InnerException ?? new TaskCanceledException(task);
}
