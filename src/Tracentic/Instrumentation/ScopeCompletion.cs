using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// Ends a generated scope when the task its method returned completes, so the scope's span covers the whole
/// asynchronous call. The caller gets the same object back: a <see cref="Task"/> (or a value task over one) is
/// watched through a continuation; a value task over a value task source is handed on as one that forwards every
/// question to it (see <see cref="ForwardingValueTaskSource{TObserver}"/>). If the method throws before returning a task, the
/// wrapper's activation ends the scope as it unwinds.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScopeCompletion
{
    private static readonly Action<Task, object?> EndScope = static (_, scope) => ((TracenticScope)scope!).End();

    /// <summary>Ends the activation's scope when <paramref name="task"/> completes; returns <paramref name="task"/> (null stays null).</summary>
    public static T EndWhenDone<T>(T task, TracenticScope.Activation activation)
        where T : Task?
    {
        if (TakeOver(activation) is { } scope)
        {
            EndAfter(task, scope);
        }

        return task;
    }

    /// <summary>Ends the activation's scope when <paramref name="task"/> completes.</summary>
    public static ValueTask EndWhenDone(ValueTask task, TracenticScope.Activation activation)
    {
        if (TakeOver(activation) is not { } scope)
        {
            return task;
        }

        switch (ValueTaskBacking.Of(task))
        {
            case ValueTaskBacking.Kind.Result:
                scope.End();
                return task;
            case ValueTaskBacking.Kind.Task:
                EndAfter(ValueTaskBacking.TaskOf(task), scope);
                return task;
            default:
                return new ForwardingValueTaskSource<ScopeEnd<object?>>(task, new(scope)).Task;
        }
    }

    /// <summary>Ends the activation's scope when <paramref name="task"/> completes.</summary>
    public static ValueTask<T> EndWhenDone<T>(ValueTask<T> task, TracenticScope.Activation activation)
    {
        if (TakeOver(activation) is not { } scope)
        {
            return task;
        }

        switch (ValueTaskBacking.Of(task))
        {
            case ValueTaskBacking.Kind.Result:
                scope.End();
                return task;
            case ValueTaskBacking.Kind.Task:
                EndAfter(ValueTaskBacking.TaskOf(task), scope);
                return task;
            default:
                return new ForwardingValueTaskSource<T, ScopeEnd<T>>(task, new(scope)).Task;
        }
    }

    /// <summary>
    /// The activation's scope, which the caller now ends when its task completes (the activation's dispose no longer
    /// does); null when the activation ends no scope or another already took it over.
    /// </summary>
    internal static TracenticScope? TakeOver(TracenticScope.Activation activation) =>
        activation.Ending is { } scope && scope.DeferEnd() ? scope : null;

    private static void EndAfter(Task? task, TracenticScope scope)
    {
        if (task is null || task.IsCompleted)
        {
            scope.End();
        }
        else
        {
            task.ContinueWith(EndScope, scope, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
