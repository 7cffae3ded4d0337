// More task shapes, each on an LLM call (timed until completion, so a wrapper is most tempted to replace the task)
// and on a scope: identity, type, state, all inner exceptions, completion status at return, ValueTask sources.
using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Tracentic;

namespace Corpus;

public static class TasksMore
{
    private static readonly Task<Reply> s_cachedReply = Task.FromResult(new Reply { Text = "cached" });

    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply> LlmTask(Task<Reply> pending) => pending;

    [TracenticLlmCall(Provider = "corpus")]
    public static Task LlmUntyped(Task pending) => pending;

    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask<Reply> LlmValueTask(ValueTask<Reply> pending) => pending;

    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask LlmValueTaskUntyped(ValueTask pending) => pending;

    [TracenticScope]
    public static Task<Reply> ScopeTask(Task<Reply> pending) => pending;

    [TracenticScope]
    public static ValueTask<int> ScopeValueTask(ValueTask<int> pending) => pending;

    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply> CachedReply() => s_cachedReply;

    [TracenticScope("scoped-llm")]
    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply> ScopedLlmTask(Task<Reply> pending) => pending;

    [TracenticScope("scoped-llm")]
    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask<Reply> ScopedLlmValueTask(ValueTask<Reply> pending) => pending;

    [TracenticScope("scoped-llm")]
    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask ScopedLlmValueTaskUntyped(ValueTask pending) => pending;

    [Shape("task.llm.pending-same-object")]
    public static async Task LlmPending()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = LlmTask(source.Task);
        Log.Write("pending: " + Log.Identity(task, source.Task) + ", status " + task.Status);
        source.SetResult(new Reply { Text = "r" });
        Log.Write("result " + (await task).Text + ", " + Log.Identity(await task, source.Task.Result));
    }

    [Shape("task.llm.completed-cached-same-object")]
    public static void LlmCached()
    {
        var task = CachedReply();
        Log.Write("cached: " + Log.Identity(task, s_cachedReply) + ", completed " + task.IsCompleted);
    }

    [Shape("task.llm.is-task-of-t-through-untyped")]
    public static async Task LlmIsTaskOfT()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = LlmUntyped(source.Task);
        Log.Write("is Task<Reply>: " + (task is Task<Reply>));
        source.SetResult(new Reply());
        await task;
    }

    [Shape("task.llm.async-state")]
    public static async Task LlmAsyncState()
    {
        var state = "state-object";
        var source = new TaskCompletionSource<Reply>(state);
        var task = LlmTask(source.Task);
        Log.Write("AsyncState: " + Log.Identity(task.AsyncState, state));
        source.SetResult(new Reply());
        await task;
    }

    [Shape("task.llm.whenall-all-inner-exceptions")]
    public static async Task LlmWhenAll()
    {
        var a = new TaskCompletionSource();
        var b = new TaskCompletionSource();
        var task = LlmUntyped(Task.WhenAll(a.Task, b.Task));
        a.SetException(new CorpusException("first"));
        b.SetException(new CorpusException("second"));
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Write("await threw " + e.Message);
        }

        Log.Write("inner exceptions: " + task.Exception!.InnerExceptions.Count);
    }

    [Shape("task.llm.status-when-returned-completed")]
    public static void LlmStatusAtReturn()
    {
        var completed = LlmTask(Task.FromResult(new Reply()));
        var faulted = LlmTask(Task.FromException<Reply>(new CorpusException("already faulted")));
        var canceled = LlmTask(Task.FromCanceled<Reply>(new CancellationToken(true)));
        Log.Write($"statuses at return: {completed.Status} {faulted.Status} {canceled.Status}");
        Log.Write("faulted exception: " + faulted.Exception!.InnerException!.Message);
        _ = faulted.Exception;
    }

    [Shape("task.llm.wait-throws-aggregate")]
    public static void LlmWait()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = LlmTask(source.Task);
        source.SetException(new CorpusException("waited"));
        try
        {
            task.Wait();
        }
        catch (AggregateException e)
        {
            Log.Write("Wait threw AggregateException with " + e.InnerExceptions.Count + ": " + e.InnerException!.Message);
        }

        try
        {
            _ = task.Result;
        }
        catch (AggregateException e)
        {
            Log.Write("Result threw AggregateException: " + e.InnerException!.Message);
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (CorpusException e)
        {
            Log.Write("GetResult threw " + e.Message);
        }
    }

    [Shape("task.scope.pending-same-object")]
    public static async Task ScopePending()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = ScopeTask(source.Task);
        Log.Write("pending: " + Log.Identity(task, source.Task));
        source.SetResult(new Reply());
        await task;
    }

    [Shape("task.scope.faulted-frames")]
    public static async Task ScopeFaulted()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = ScopeTask(source.Task);
        source.SetException(new CorpusException("scope task faulted"));
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("valuetask.llm.backed-by-task-same-task")]
    public static async Task LlmValueTaskSameTask()
    {
        var source = new TaskCompletionSource<Reply>();
        var valueTask = LlmValueTask(new ValueTask<Reply>(source.Task));
        Log.Write("completed at return: " + valueTask.IsCompleted + ", AsTask: " + Log.Identity(valueTask.AsTask(), source.Task));
        source.SetResult(new Reply { Text = "vt" });
        Log.Write("result " + (await valueTask).Text);
    }

    [Shape("valuetask.llm.completed-synchronously")]
    public static void LlmValueTaskSync()
    {
        var valueTask = LlmValueTask(new ValueTask<Reply>(new Reply { Text = "sync" }));
        Log.Write("completed successfully at return: " + valueTask.IsCompletedSuccessfully + ", result " + valueTask.Result.Text);
        var untyped = LlmValueTaskUntyped(default);
        Log.Write("untyped completed at return: " + untyped.IsCompletedSuccessfully);
    }

    [Shape("valuetask.llm.source-consumed-once")]
    public static async Task LlmValueTaskSource()
    {
        var source = new LoggingValueTaskSource();
        var valueTask = LlmValueTask(new ValueTask<Reply>(source, 7));
        Log.Write("returned; completed " + valueTask.IsCompleted);
        source.Complete(new Reply { Text = "from source" });
        Log.Write("awaited " + (await valueTask).Text);
        Log.Write("GetResult calls " + source.GetResultCalls);
    }

    [Shape("task.scoped-llm.pending-same-object")]
    public static async Task ScopedLlmPending()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = ScopedLlmTask(source.Task);
        Log.Write("pending: " + Log.Identity(task, source.Task) + ", status " + task.Status);
        source.SetResult(new Reply { Text = "scoped" });
        Log.Write("result " + (await task).Text);
    }

    [Shape("task.scoped-llm.faulted-same-exception")]
    public static async Task ScopedLlmFaulted()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = ScopedLlmTask(source.Task);
        var failure = new InvalidOperationException("scoped failure");
        source.SetException(failure);
        try
        {
            await task;
        }
        catch (InvalidOperationException ex)
        {
            Log.Write("caught same: " + ReferenceEquals(ex, failure) + ", status " + task.Status);
        }
    }

    [Shape("valuetask.scoped-llm.source-consumed-once")]
    public static async Task ScopedLlmValueTaskSource()
    {
        var source = new LoggingValueTaskSource();
        var valueTask = ScopedLlmValueTask(new ValueTask<Reply>(source, 5));
        Log.Write("returned; completed " + valueTask.IsCompleted);
        source.Complete(new Reply { Text = "scoped source" });
        Log.Write("awaited " + (await valueTask).Text + ", GetResult calls " + source.GetResultCalls);
        var untyped = ScopedLlmValueTaskUntyped(default);
        Log.Write("untyped completed at return: " + untyped.IsCompletedSuccessfully);
    }

    [Shape("valuetask.scope.source-consumed-once")]
    public static async Task ScopeValueTaskSource()
    {
        var source = new LoggingIntSource();
        var valueTask = ScopeValueTask(new ValueTask<int>(source, 3));
        source.Complete(41);
        Log.Write("awaited " + await valueTask + ", GetResult calls " + source.GetResultCalls);
    }
}

/// <summary>A ValueTask source that logs how it is consumed (GetResult must be called exactly once).</summary>
public sealed class LoggingValueTaskSource : IValueTaskSource<Reply>
{
    private ManualResetValueTaskSourceCore<Reply> _core;

    /// <summary>Set once someone waits for the result (OnCompleted called).</summary>
    public volatile bool Awaited;

    public int GetResultCalls;

    public void Complete(Reply reply) => _core.SetResult(reply);

    public Reply GetResult(short token)
    {
        GetResultCalls++;
        return _core.GetResult(_core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(_core.Version);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Log.Write("source OnCompleted, flags " + flags);
        Awaited = true;
        _core.OnCompleted(continuation, state, _core.Version, flags);
    }
}

public sealed class LoggingIntSource : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core;

    public int GetResultCalls;

    public void Complete(int value) => _core.SetResult(value);

    public int GetResult(short token)
    {
        GetResultCalls++;
        return _core.GetResult(_core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(_core.Version);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, _core.Version, flags);
}

/// <summary>A non-generic ValueTask source that counts GetResult calls.</summary>
public sealed class LoggingVoidSource : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;

    /// <summary>Set once someone waits for the result (OnCompleted called).</summary>
    public volatile bool Awaited;

    public int GetResultCalls;

    public void Complete() => _core.SetResult(true);

    public void GetResult(short token)
    {
        GetResultCalls++;
        _core.GetResult(_core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(_core.Version);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Log.Write("void source OnCompleted, flags " + flags);
        Awaited = true;
        _core.OnCompleted(continuation, state, _core.Version, flags);
    }
}

/// <summary>Tasks the caller drops: a faulted task nobody observes must still raise UnobservedTaskException.</summary>
public static class Unobserved
{
    private static int s_raised;

    private static void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        if (e.Exception.InnerException is CorpusException { Message: "never observed" })
        {
            Interlocked.Increment(ref s_raised);
        }
    }

    private static void Check(Action drop)
    {
        s_raised = 0;
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            drop();
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Log.Write("UnobservedTaskException raised: " + (s_raised > 0));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DropPendingThenFault()
    {
        var source = new TaskCompletionSource<Reply>();
        _ = TasksMore.LlmTask(source.Task);
        source.SetException(new CorpusException("never observed"));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DropFaulted() => _ = TasksMore.LlmTask(Task.FromException<Reply>(new CorpusException("never observed")));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void DropScopeTask()
    {
        var source = new TaskCompletionSource<Reply>();
        _ = TasksMore.ScopeTask(source.Task);
        source.SetException(new CorpusException("never observed"));
    }

    [Shape("task.llm.unobserved-exception-still-raised")]
    public static void Pending() => Check(DropPendingThenFault);

    [Shape("task.llm.unobserved-exception-of-faulted-task-still-raised")]
    public static void Faulted() => Check(DropFaulted);

    [Shape("task.scope.unobserved-exception-still-raised")]
    public static void Scope() => Check(DropScopeTask);
}

public static class ValueTaskSources
{
    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask<Reply> Typed(LoggingValueTaskSource source) => new(source, 0);

    [TracenticLlmCall(Provider = "corpus")]
    public static ValueTask Untyped(LoggingVoidSource source) => new(source, 0);

    [Shape("valuetask.llm.completed-source-not-consumed-by-caller")]
    public static void CompletedNotConsumed()
    {
        var typed = new LoggingValueTaskSource();
        typed.Complete(new Reply { Text = "done" });
        var untyped = new LoggingVoidSource();
        untyped.Complete();
        var a = Typed(typed);
        var b = Untyped(untyped);
        Log.Write($"completed {a.IsCompletedSuccessfully} {b.IsCompletedSuccessfully}; GetResult calls without awaiting: {typed.GetResultCalls} {untyped.GetResultCalls}");
    }

    [Shape("valuetask.llm.pending-source-sees-the-caller-await")]
    public static void PendingInContext()
    {
        var context = new CountingContext();
        var typed = new LoggingValueTaskSource();
        var untyped = new LoggingVoidSource();
        var result = context.Run(async () =>
        {
            var a = Typed(typed);
            var b = Untyped(untyped);
            // Completes each source once someone waits for it (bounded), so the await always registers first.
            _ = Task.Run(() =>
            {
                SpinWait.SpinUntil(() => typed.Awaited, TimeSpan.FromSeconds(5));
                typed.Complete(new Reply { Text = "later" });
                SpinWait.SpinUntil(() => untyped.Awaited, TimeSpan.FromSeconds(5));
                untyped.Complete();
            });
            var reply = await a;
            await b.ConfigureAwait(false);
            return reply.Text;
        });
        Log.Write($"{result}; posts {context.Posts}; GetResult calls {typed.GetResultCalls} {untyped.GetResultCalls}");
    }
}
