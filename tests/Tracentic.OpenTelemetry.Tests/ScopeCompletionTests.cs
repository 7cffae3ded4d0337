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

    /// <summary>What the generator emits for <c>[TracenticScope("async-step")] Task&lt;T&gt; M()</c>.</summary>
    private static (Task<T> Task, Task<T> Returned, TracenticScope Scope) Generated<T>(Func<Task<T>> method)
    {
        using var scope = TracenticInstrumentation.EnterScope("async-step");
        var current = TracenticScope.Current!;
        var task = method();
        return (task, ScopeCompletion.EndWhenDone(task, scope), current);
    }
}
