using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Instrumentation;

/// <summary>
/// What code generated for <c>[TracenticScope]</c> and <c>[TracenticLlmCall]</c> calls. Public so generated
/// code in your assembly can reach it; not meant to be called by hand (use <see cref="ITracentic"/>).
/// </summary>
/// <remarks>
/// Every method here keeps the wrapped call transparent: the caller gets the same object the method returned
/// (the same <see cref="Task"/>, <see langword="null"/> stays <see langword="null"/>), and recording happens beside it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TracenticInstrumentation
{
    /// <summary>Whether a process-wide instance is configured; wrappers call straight through when not.</summary>
    public static bool IsEnabled => TracenticSdk.Instance is not null;

    /// <summary>
    /// Begins a scope (parent: <paramref name="parentScopeId"/>, else the ambient scope) and makes it ambient
    /// until the result is disposed, which also ends it, unless its end was handed to a task
    /// (<see cref="ScopeCompletion"/>). Inert when nothing is configured.
    /// </summary>
    public static TracenticScope.Activation EnterScope(
        string name,
        string? correlationId = null,
        string? parentScopeId = null,
        ReadOnlySpan<KeyValuePair<string, object?>> attributes = default)
    {
        // The scope's activity is made current as it begins and stays so: one change of Activity.Current in, one out.
        var previousActivity = Activity.Current;
        return Begin(name, correlationId, parentScopeId, attributes, activityCurrent: true) is { } scope ? scope.ActivateBegun(previousActivity) : default;
    }

    /// <summary>Begins a scope without activating it (for streams, activated around each step). Null when not configured.</summary>
    public static TracenticScope? BeginScope(
        string name,
        string? correlationId = null,
        string? parentScopeId = null,
        ReadOnlySpan<KeyValuePair<string, object?>> attributes = default) =>
        Begin(name, correlationId, parentScopeId, attributes, activityCurrent: false);

    private static TracenticScope? Begin(
        string name, string? correlationId, string? parentScopeId, ReadOnlySpan<KeyValuePair<string, object?>> attributes, bool activityCurrent)
    {
        if (TracenticSdk.Instance is not { } engine)
        {
            return null;
        }

        try
        {
            return engine.BeginScope(name, Copy(attributes), correlationId, parentScopeId, activityCurrent);
        }
        catch (ArgumentException ex)
        {
            // A bad name from an attribute must not break the user's call.
            WarnNotBegun(engine, name, ex);
            return null;
        }
    }

    // Apart from Begin: a lambda capturing its parameter would allocate its closure on every call, not only on this path.
    private static void WarnNotBegun(TracenticEngine engine, string name, ArgumentException ex) =>
        engine.Log.WarnOnce("scope-name:" + name, log => log.ScopeNotBegun(name, ex.Message));

    /// <summary>Makes <paramref name="scope"/> ambient until disposed; does nothing for null.</summary>
    public static TracenticScope.Activation Activate(TracenticScope? scope) => scope?.Activate() ?? default;

    /// <summary>Records <paramref name="call"/> when <paramref name="task"/> completes, and returns that same task (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(task))]
    public static Task? Track(Task? task, LlmCall call) => Track(task, call, default);

    /// <summary>
    /// Records <paramref name="call"/> with the usage read from the result when <paramref name="task"/> completes,
    /// and returns that same task (null stays null).
    /// </summary>
    [return: NotNullIfNotNull(nameof(task))]
    public static Task<T>? Track<T>(Task<T>? task, LlmCall call, Func<T, LlmUsage>? usage) => Track(task, call, usage, default);

    /// <summary>Records <paramref name="call"/> when <paramref name="task"/> completes (see <see cref="Track(ValueTask, LlmCall, TracenticScope.Activation)"/>).</summary>
    public static ValueTask Track(ValueTask task, LlmCall call) => Track(task, call, default);

    /// <summary>Like <see cref="Track(ValueTask, LlmCall)"/>, reading usage from the result.</summary>
    public static ValueTask<T> Track<T>(ValueTask<T> task, LlmCall call, Func<T, LlmUsage>? usage) => Track(task, call, usage, default);

    /// <summary>
    /// Records <paramref name="call"/> when <paramref name="task"/> completes, then ends the scope of
    /// <paramref name="scope"/> (a generated <c>[TracenticScope]</c> that is also the call), and returns that same task
    /// (null stays null). Call and scope share one continuation, the call's span ending inside its scope.
    /// </summary>
    [return: NotNullIfNotNull(nameof(task))]
    public static Task? Track(Task? task, LlmCall call, TracenticScope.Activation scope)
    {
        call.LeaveActivity(); // the caller continues under its own activity
        var completion = new LlmCallCompletion<object?>(call, null, ScopeCompletion.TakeOver(scope));
        if (completion.Observes)
        {
            CompletionWatch.Watch(task, completion);
        }

        return task;
    }

    /// <summary>
    /// Like <see cref="Track(Task, LlmCall, TracenticScope.Activation)"/>, reading usage from the result.
    /// </summary>
    [return: NotNullIfNotNull(nameof(task))]
    public static Task<T>? Track<T>(Task<T>? task, LlmCall call, Func<T, LlmUsage>? usage, TracenticScope.Activation scope)
    {
        call.LeaveActivity();
        var completion = new LlmCallCompletion<T>(call, usage, ScopeCompletion.TakeOver(scope));
        if (completion.Observes)
        {
            CompletionWatch.Watch(task, completion);
        }

        return task;
    }

    /// <summary>
    /// Records <paramref name="call"/> (then ends the scope of <paramref name="scope"/>) when <paramref name="task"/>
    /// completes. A value task can be awaited only once, so one over a task is handed back unchanged while the task is
    /// watched, and any other incomplete one as a value task that forwards every question to it (see
    /// <see cref="ForwardingValueTaskSource{TObserver}"/>).
    /// </summary>
    public static ValueTask Track(ValueTask task, LlmCall call, TracenticScope.Activation scope)
    {
        call.LeaveActivity();
        var completion = new LlmCallCompletion<object?>(call, null, ScopeCompletion.TakeOver(scope));
        switch (ValueTaskBacking.Of(task))
        {
            case ValueTaskBacking.Kind.Result:
                completion.Succeeded(null);
                completion.Finished();
                return task;
            case ValueTaskBacking.Kind.Task:
                if (completion.Observes)
                {
                    CompletionWatch.Watch(ValueTaskBacking.TaskOf(task), completion);
                }

                return task;
            default:
                return completion.Observes ? new ForwardingValueTaskSource<LlmCallCompletion<object?>>(task, completion).Task : task;
        }
    }

    /// <summary>Like <see cref="Track(ValueTask, LlmCall, TracenticScope.Activation)"/>, reading usage from the result.</summary>
    public static ValueTask<T> Track<T>(ValueTask<T> task, LlmCall call, Func<T, LlmUsage>? usage, TracenticScope.Activation scope)
    {
        call.LeaveActivity();
        var completion = new LlmCallCompletion<T>(call, usage, ScopeCompletion.TakeOver(scope));
        switch (ValueTaskBacking.Of(task))
        {
            case ValueTaskBacking.Kind.Result:
                // A plain value: reading it consumes nothing.
                completion.Succeeded(task.Result);
                completion.Finished();
                return task;
            case ValueTaskBacking.Kind.Task:
                if (completion.Observes)
                {
                    CompletionWatch.Watch(ValueTaskBacking.TaskOf(task), completion);
                }

                return task;
            default:
                // A value task source (or a runtime where the backing cannot be told): only the caller may read it.
                return completion.Observes ? new ForwardingValueTaskSource<T, LlmCallCompletion<T>>(task, completion).Task : task;
        }
    }

    /// <summary>
    /// Observes a streamed response: one span over the whole enumeration (time to first item, the latest token
    /// counts seen, an error span if it throws, <c>llm.stream.completed = false</c> if disposed early), with
    /// <paramref name="scope"/> ambient around every step. Null stays null; with nothing to observe, the source
    /// itself is returned.
    /// </summary>
    [return: NotNullIfNotNull(nameof(source))]
    public static IAsyncEnumerable<T>? Observe<T>(IAsyncEnumerable<T>? source, TracenticScope? scope, LlmCall call, Func<T, LlmUsage>? usage)
    {
        call.LeaveActivity();
        if (source is null)
        {
            call.Succeed(default);
            return null;
        }

        return scope is null && !call.IsActive ? source : new ObservedAsyncEnumerable<T>(source, scope, call, usage);
    }

    /// <summary>Runs each step of <paramref name="source"/> with <paramref name="scope"/> ambient. Null stays null.</summary>
    [return: NotNullIfNotNull(nameof(source))]
    public static IAsyncEnumerable<T>? Observe<T>(IAsyncEnumerable<T>? source, TracenticScope? scope) =>
        source is null || scope is null ? source : new ObservedAsyncEnumerable<T>(source, scope, default, null);

    internal static LlmUsage ReadUsage<T>(T result, Func<T, LlmUsage>? usage)
    {
        if (usage is null || result is null)
        {
            return default;
        }

        try
        {
            return usage(result);
        }
        catch (Exception)
        {
            // Reading usage is plain property access; a throwing getter must not fail the user's call.
            return default;
        }
    }

    private static IReadOnlyDictionary<string, object?> Copy(ReadOnlySpan<KeyValuePair<string, object?>> attributes)
    {
        if (attributes.IsEmpty)
        {
            return AttributeSnapshot.Empty;
        }

        var copy = new Dictionary<string, object?>(attributes.Length);
        foreach (var (key, value) in attributes)
        {
            copy[key] = value;
        }

        return AttributeSnapshot.Wrap(copy);
    }
}
