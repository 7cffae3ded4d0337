// Shapes about returned tasks: the same Task/ValueTask object wherever the type allows, null stays null,
// continuations run when and where they ran before.
using System;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class Tasks
{
    private static TaskCompletionSource<int> s_pending = new();
    private static readonly Task<int> s_completed = Task.FromResult(42);

    [TracenticScope]
    public static Task<int> Pending() => s_pending.Task;

    [TracenticLlmCall(Provider = "corpus")]
    public static Task<int> Completed() => s_completed;

    [TracenticScope]
    public static Task Untyped(Task inner) => inner;

    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply>? NullTask() => null;

    [TracenticScope]
    public static Task? NullUntypedTask() => null;

    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply> FromSource(TaskCompletionSource<Reply> source) => source.Task;

    [TracenticScope]
    public static ValueTask<int> ValueFromTask(Task<int> task) => new(task);

    [TracenticScope]
    public static Task Combined(Task a, Task b) => Task.WhenAll(a, b);

    [Shape("task.pending-same-object")]
    public static async Task PendingSameObject()
    {
        s_pending = new TaskCompletionSource<int>();
        var task = Pending();
        Log.Write("pending task: " + Log.Identity(task, s_pending.Task) + ", status " + task.Status);
        s_pending.SetResult(7);
        Log.Write("result " + await task);
    }

    [Shape("task.completed-cached-same-object")]
    public static void CompletedSameObject()
    {
        var task = Completed();
        Log.Write("cached task: " + Log.Identity(task, s_completed) + ", result " + task.Result);
    }

    [Shape("task.is-task-of-int")]
    public static async Task IsTaskOfInt()
    {
        var source = new TaskCompletionSource<int>();
        var task = Untyped(source.Task);
        Log.Write("is Task<int>: " + (task is Task<int>));
        source.SetResult(3);
        await task;
        Log.Write("after completion is Task<int>: " + (task is Task<int> typed ? typed.Result.ToString() : "no"));
    }

    [Shape("task.async-state")]
    public static async Task AsyncState()
    {
        var state = new object();
        var source = new TaskCompletionSource<int>(state);
        var task = Untyped(source.Task);
        Log.Write("AsyncState: " + Log.Identity(task.AsyncState, state));
        source.SetResult(1);
        await task;
    }

    [Shape("task.null-typed")]
    public static void NullTyped()
    {
        try
        {
            var task = NullTask();
            Log.Write("returned null: " + (task is null));
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }

    [Shape("task.null-untyped")]
    public static void NullUntyped()
    {
        try
        {
            var task = NullUntypedTask();
            Log.Write("returned null: " + (task is null));
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }

    [Shape("task.whenall-all-inner-exceptions")]
    public static async Task WhenAllInner()
    {
        var a = new TaskCompletionSource();
        var b = new TaskCompletionSource();
        var task = Combined(a.Task, b.Task);
        a.SetException(new CorpusException("first"));
        b.SetException(new CorpusException("second"));
        try
        {
            await task;
        }
        catch (Exception e)
        {
            Log.Write("await threw " + Log.Describe(e));
        }

        Log.Write("inner exceptions: " + task.Exception!.InnerExceptions.Count);
        foreach (var inner in task.Exception.InnerExceptions)
        {
            Log.Write("inner " + inner.Message);
        }
    }

    [Shape("task.faulted-later-frames")]
    public static async Task FaultedLater()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = FromSource(source);
        source.SetException(MakeThrown());
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    private static Exception MakeThrown()
    {
        try
        {
            throw new CorpusException("thrown elsewhere");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Shape("task.canceled")]
    public static async Task Canceled()
    {
        using var cts = new CancellationTokenSource();
        var source = new TaskCompletionSource<Reply>();
        var task = FromSource(source);
        cts.Cancel();
        source.SetCanceled(cts.Token);
        try
        {
            await task;
        }
        catch (OperationCanceledException e)
        {
            Log.Write("caught " + e.GetType().Name + ", token is ours: " + (e.CancellationToken == cts.Token) + ", status " + task.Status);
        }
    }

    private static bool s_insideSetResult;

    [Shape("task.continuation-inline-when-synchronous")]
    public static async Task ContinuationInline()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = FromSource(source);
        var thread = Environment.CurrentManagedThreadId;
        var inline = false;
        var continuation = task.ContinueWith(
            _ => inline = s_insideSetResult && Environment.CurrentManagedThreadId == thread,
            TaskContinuationOptions.ExecuteSynchronously);
        s_insideSetResult = true;
        source.SetResult(new Reply());
        s_insideSetResult = false;
        await continuation;
        Log.Write("continuation ran inline in SetResult: " + inline);
    }

    [Shape("task.run-continuations-asynchronously")]
    public static async Task ContinuationsAsynchronously()
    {
        var source = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = FromSource(source);
        var thread = Environment.CurrentManagedThreadId;
        var inline = false;
        var continuation = task.ContinueWith(
            _ => inline = s_insideSetResult && Environment.CurrentManagedThreadId == thread,
            TaskContinuationOptions.ExecuteSynchronously);
        s_insideSetResult = true;
        source.SetResult(new Reply());
        s_insideSetResult = false;
        // The caller's task is the source's: complete as soon as SetResult returns, whatever runs its continuations.
        Log.Write("completed right after SetResult: " + task.IsCompleted);
        await continuation;
        Log.Write("continuation ran inline in SetResult: " + inline);
    }

    [Shape("valuetask.backed-by-task-same-object")]
    public static async Task ValueTaskSameTask()
    {
        var source = new TaskCompletionSource<int>();
        var valueTask = ValueFromTask(source.Task);
        Log.Write("AsTask: " + Log.Identity(valueTask.AsTask(), source.Task));
        source.SetResult(5);
        Log.Write("result " + await valueTask);
    }
}
