// Shapes about the context a call runs in: the caller's thread, AsyncLocal values flowing in and (for synchronous
// calls) back out, the caller's SynchronizationContext, and concurrent calls.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class Context
{
    private static readonly AsyncLocal<string?> s_ambient = new();
    private static int s_concurrentCalls;

    [TracenticScope]
    public static void SetAmbient(string value) => s_ambient.Value = value;

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply ReadAmbient() => new() { Text = "ambient " + s_ambient.Value };

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> SetAmbientAsync(string value)
    {
        s_ambient.Value = value;
        await Task.Yield();
        return new Reply { Text = "set " + value };
    }

    [TracenticScope]
    public static bool OnThread(int thread) => Environment.CurrentManagedThreadId == thread;

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> SyncPartOnThread(int thread)
    {
        var same = Environment.CurrentManagedThreadId == thread;
        await Task.Yield();
        return new Reply { Text = "synchronous part on the caller's thread: " + same };
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> YieldTwice()
    {
        await Task.Yield();
        await Task.Yield();
        return new Reply { Text = "yielded" };
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Concurrent(int i)
    {
        Interlocked.Increment(ref s_concurrentCalls);
        return new Reply { Text = "c" + i };
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> ConcurrentAsync(int i)
    {
        await Task.Yield();
        Interlocked.Increment(ref s_concurrentCalls);
        return new Reply { Text = "a" + i };
    }

    [TracenticScope("outer")]
    public static async Task<string> Outer()
    {
        var inner = await Inner();
        return "outer(" + inner + ")";
    }

    [TracenticScope("inner")]
    public static async Task<string> Inner()
    {
        await Task.Yield();
        return ReadAmbient().Text;
    }

    [Shape("context.sync-callee-asynclocal-flows-back")]
    public static void AsyncLocalBack()
    {
        s_ambient.Value = "caller";
        SetAmbient("callee");
        Log.Write("caller sees " + s_ambient.Value);
    }

    [Shape("context.asynclocal-flows-in")]
    public static void AsyncLocalIn()
    {
        s_ambient.Value = "from caller";
        Log.Write(ReadAmbient().Text);
    }

    [Shape("context.async-callee-asynclocal-stays-inside")]
    public static async Task AsyncLocalAsync()
    {
        s_ambient.Value = "caller";
        Log.Write((await SetAmbientAsync("callee")).Text + "; caller sees " + s_ambient.Value);
    }

    [Shape("context.sync-call-on-caller-thread")]
    public static void SameThread() => Log.Write("on caller thread: " + OnThread(Environment.CurrentManagedThreadId));

    [Shape("context.async-synchronous-part-on-caller-thread")]
    public static async Task AsyncSamethread() => Log.Write((await SyncPartOnThread(Environment.CurrentManagedThreadId)).Text);

    [Shape("context.synchronization-context-posts")]
    public static void SynchronizationContextPosts()
    {
        var context = new CountingContext();
        var result = context.Run(async () => (await YieldTwice()).Text + " back on the context: " + (SynchronizationContext.Current == context));
        Log.Write(result + "; posts " + context.Posts);
    }

    [Shape("context.nested-scopes")]
    public static async Task NestedScopes() => Log.Write(await Outer());

    [Shape("concurrency.parallel-sync-calls")]
    public static void ParallelSync()
    {
        s_concurrentCalls = 0;
        var results = new ConcurrentBag<string>();
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results.Add(Concurrent(i).Text));
        Log.Write($"calls {s_concurrentCalls}, results {results.Count}, distinct {results.Distinct().Count()}");
    }

    [Shape("concurrency.when-all-async-calls")]
    public static async Task WhenAllAsync()
    {
        s_concurrentCalls = 0;
        var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(ConcurrentAsyncCall));
        Log.Write($"calls {s_concurrentCalls}, in order: {string.Join(",", replies.Select(r => r.Text)) == string.Join(",", Enumerable.Range(0, 32).Select(i => "a" + i))}");
    }

    private static Task<Reply> ConcurrentAsyncCall(int i) => ConcurrentAsync(i);

    [Shape("concurrency.tasks-run-with-struct-receivers")]
    public static async Task StructsInParallel()
    {
        var counters = new Counter[8];
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var k = 0; k < 10; k++)
            {
                counters[i].Bump();
            }
        })));
        Log.Write("counts " + string.Join(",", counters.Select(c => c.Count)));
    }
}

/// <summary>A single-threaded context that counts what is posted to it, pumped by <see cref="Run{T}"/>.</summary>
public sealed class CountingContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = [];

    public int Posts;

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref Posts);
        _queue.Add((d, state));
    }

    public T Run<T>(Func<Task<T>> body)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = body();
            task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (d, state) in _queue.GetConsumingEnumerable())
            {
                d(state);
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}

public static class ActivityShapes
{
    [TracenticScope("activity-scope")]
    public static void WhatIsCurrent() => Log.Write("activity inside: " + Activity.Current?.OperationName);

    [Shape("context.activity-current-without-a-tracentic-listener")]
    public static void ActivityCurrentWithoutTracenticListener()
    {
        // The application's own tracing listens, but not to Tracentic: the caller's activity stays current.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Corpus.App",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Corpus.App");
        using (source.StartActivity("app-request"))
        {
            WhatIsCurrent();
            Log.Write("after: " + Activity.Current?.OperationName);
        }
    }
}
