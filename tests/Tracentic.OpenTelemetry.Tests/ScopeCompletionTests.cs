using Tracentic.Instrumentation;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>
/// A generated async scope ends when its method's task completes, not when the method returns it: the shape the
/// generator emits (<c>using var scope = EnterScope(...); return ScopeCompletion.EndWhenDone(call, scope);</c>).
/// </summary>
public sealed class ScopeCompletionTests
{
    [Fact]
    public async Task A_task_scope_ends_when_the_task_completes_and_the_caller_gets_the_same_task()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var done = new TaskCompletionSource<int>(); // continuations run inside SetResult: the scope has ended when it returns

        var (task, returned, scope) = Generated(() => done.Task);

        Assert.Same(task, returned);
        Assert.Null(scope.EndedAt);
        Assert.Empty(otel.Activities);

        done.SetResult(42);
        Assert.NotNull(scope.EndedAt);
        Assert.Equal(42, await returned);
        Assert.Single(otel.Activities, a => a.DisplayName == "async-step");
    }

    [Fact]
    public async Task A_faulted_value_task_still_ends_its_scope_and_the_exception_reaches_the_caller()
    {
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var failure = new InvalidOperationException("boom");
        var done = new TaskCompletionSource<int>();

        ValueTask<int> returned;
        TracenticScope scope;
        using (var activation = TracenticInstrumentation.EnterScope("value-task-step"))
        {
            scope = TracenticScope.Current!;
            returned = ScopeCompletion.EndWhenDone(new ValueTask<int>(done.Task), activation);
        }

        Assert.Null(scope.EndedAt);
        done.SetException(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(async () => await returned));
        Assert.NotNull(scope.EndedAt);
    }

    [Fact]
    public void A_method_that_throws_before_returning_its_task_ends_the_scope_as_it_unwinds()
    {
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        TracenticScope? scope = null;

        Assert.Throws<InvalidOperationException>(() => Generated<int>(() =>
        {
            scope = TracenticScope.Current;
            throw new InvalidOperationException("before any await");
        }));

        Assert.NotNull(scope!.EndedAt);
    }

    [Fact]
    public void Without_an_instance_the_task_is_returned_untouched()
    {
        var task = Task.FromResult(1);
        Assert.Same(task, ScopeCompletion.EndWhenDone(task, default));
    }

    [Fact]
    public async Task A_scoped_llm_call_records_its_span_then_ends_its_scope_when_the_task_completes()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var done = new TaskCompletionSource<int>();

        Task<int> returned;
        TracenticScope scope;
        using (var activation = TracenticInstrumentation.EnterScope("scoped-call"))
        {
            // What the generator emits for [TracenticScope("scoped-call")] [TracenticLlmCall] Task<T> M().
            scope = TracenticScope.Current!;
            returned = TracenticInstrumentation.Track(done.Task, LlmCall.Start(Site), Usage, activation)!;
        }

        Assert.Same(done.Task, returned);
        Assert.Null(scope.EndedAt);

        done.SetResult(42);
        Assert.NotNull(scope.EndedAt);
        Assert.Equal(42, await returned);
        Assert.Equal(["chat gpt-4o", "scoped-call"], otel.Activities.Select(a => a.DisplayName)); // the call's span ends inside its scope
    }

    [Fact]
    public async Task A_scoped_llm_call_over_a_value_task_source_is_forwarded_once_and_ends_its_scope()
    {
        var engine = Engines.Create(o => o.ApiKey = "trk_test_alloc"); // the call is recorded; no activity moves Activity.Current

        using var installed = Engines.Install(engine);
        _ = await ForwardedBytes(scoped: false); // warm up both shapes: the first calls JIT
        _ = await ForwardedBytes(scoped: true);

        var unscoped = await ForwardedBytes(scoped: false);
        var scoped = await ForwardedBytes(scoped: true);

        Assert.NotEqual(0, unscoped);
        Assert.Equal(unscoped, scoped); // one forwarding source either way: the scope's end rides on the call's completion
    }

    /// <summary>What handing a pending value task through a generated LLM call allocates, scoped or not.</summary>
    private static async Task<long> ForwardedBytes(bool scoped)
    {
        var source = new PendingValue();
        ValueTask<int> returned;
        long bytes;
        TracenticScope? scope = null;
        using (var activation = scoped ? TracenticInstrumentation.EnterScope("scoped-call") : default)
        {
            scope = TracenticScope.Current;
            var call = LlmCall.Start(Site);
            var before = GC.GetAllocatedBytesForCurrentThread();
            returned = scoped
                ? TracenticInstrumentation.Track(new ValueTask<int>(source, 0), call, Usage, activation)
                : TracenticInstrumentation.Track(new ValueTask<int>(source, 0), call, Usage);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Null(scope?.EndedAt);
        source.Complete(7);
        Assert.Equal(7, await returned);
        if (scoped)
        {
            Assert.NotNull(scope!.EndedAt);
        }

        return bytes;
    }

    private static readonly LlmCallSite Site = new("openai", "chat", "gpt-4o", "Bot.Ask");
    private static readonly Func<int, LlmUsage> Usage = static result => new LlmUsage(result, 1);

    /// <summary>A value task source completed by the test, as a pooled provider stream's would be.</summary>
    private sealed class PendingValue : System.Threading.Tasks.Sources.IValueTaskSource<int>
    {
        private System.Threading.Tasks.Sources.ManualResetValueTaskSourceCore<int> _core;

        public void Complete(int value) => _core.SetResult(value);

        public int GetResult(short token) => _core.GetResult(token);

        public System.Threading.Tasks.Sources.ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>What the generator emits for <c>[TracenticScope("async-step")] Task&lt;T&gt; M()</c>.</summary>
    private static (Task<T> Task, Task<T> Returned, TracenticScope Scope) Generated<T>(Func<Task<T>> method)
    {
        using var scope = TracenticInstrumentation.EnterScope("async-step");
        var current = TracenticScope.Current!;
        var task = method();
        return (task, ScopeCompletion.EndWhenDone(task, scope), current);
    }
}
