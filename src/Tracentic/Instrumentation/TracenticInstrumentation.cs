using System.ComponentModel;
using Tracentic.Engine;

namespace Tracentic.Instrumentation;

/// <summary>
/// What code generated for <c>[TracenticScope]</c> and <c>[TracenticLlmCall]</c> calls. Public so generated
/// code in your assembly can reach it; not meant to be called by hand (use <see cref="ITracentic"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TracenticInstrumentation
{
    /// <summary>Whether a process-wide instance is configured; wrappers call straight through when not.</summary>
    public static bool IsEnabled => TracenticSdk.Instance is not null;

    /// <summary>
    /// Begins a scope (parent: <paramref name="parentScopeId"/>, else the ambient scope) and makes it ambient
    /// until the result is disposed. Inert when nothing is configured.
    /// </summary>
    public static TracenticScope.Activation EnterScope(
        string name,
        string? correlationId = null,
        string? parentScopeId = null,
        ReadOnlySpan<KeyValuePair<string, object?>> attributes = default) =>
        BeginScope(name, correlationId, parentScopeId, attributes) is { } scope ? scope.Activate() : default;

    /// <summary>Begins a scope without activating it (for streams, activated around each step). Null when not configured.</summary>
    public static TracenticScope? BeginScope(
        string name,
        string? correlationId = null,
        string? parentScopeId = null,
        ReadOnlySpan<KeyValuePair<string, object?>> attributes = default)
    {
        if (TracenticSdk.Instance is not { } engine)
        {
            return null;
        }

        try
        {
            return engine.BeginScope(name, Copy(attributes), correlationId, parentScopeId);
        }
        catch (ArgumentException ex)
        {
            // A bad name from an attribute must not break the user's call.
            engine.Log.WarnOnce("scope-name:" + name, $"scope not begun: {ex.Message}");
            return null;
        }
    }

    /// <summary>Makes <paramref name="scope"/> ambient until disposed; does nothing for null.</summary>
    public static TracenticScope.Activation Activate(TracenticScope? scope) => scope?.Activate() ?? default;

    /// <summary>Runs each step of <paramref name="source"/> with <paramref name="scope"/> ambient.</summary>
    public static IAsyncEnumerable<T> ActivateDuring<T>(IAsyncEnumerable<T> source, TracenticScope? scope) =>
        scope is null ? source : new ScopedAsyncEnumerable<T>(source, scope);

    /// <summary>Completes <paramref name="call"/> when <paramref name="task"/> does.</summary>
    public static Task Track(Task task, LlmCall call)
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Succeed(default);
            return task;
        }

        return Awaited(task, call);

        static async Task Awaited(Task task, LlmCall call)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                call.Fail(ex);
                throw;
            }

            call.Succeed(default);
        }
    }

    /// <summary>Completes <paramref name="call"/> with the usage read from the result when <paramref name="task"/> completes.</summary>
    public static Task<T> Track<T>(Task<T> task, LlmCall call, Func<T, LlmUsage>? usage)
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Succeed(ReadUsage(task.Result, usage));
            return task;
        }

        return Awaited(task, call, usage);

        static async Task<T> Awaited(Task<T> task, LlmCall call, Func<T, LlmUsage>? usage)
        {
            T result;
            try
            {
                result = await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                call.Fail(ex);
                throw;
            }

            call.Succeed(ReadUsage(result, usage));
            return result;
        }
    }

    /// <summary>Completes <paramref name="call"/> when <paramref name="task"/> does.</summary>
    public static ValueTask Track(ValueTask task, LlmCall call)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult(); // observe it, as awaiting would
            call.Succeed(default);
            return default;
        }

        return Awaited(task, call);

        static async ValueTask Awaited(ValueTask task, LlmCall call)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                call.Fail(ex);
                throw;
            }

            call.Succeed(default);
        }
    }

    /// <summary>Completes <paramref name="call"/> with the usage read from the result when <paramref name="task"/> completes.</summary>
    public static ValueTask<T> Track<T>(ValueTask<T> task, LlmCall call, Func<T, LlmUsage>? usage)
    {
        if (task.IsCompletedSuccessfully)
        {
            var result = task.Result;
            call.Succeed(ReadUsage(result, usage));
            return new ValueTask<T>(result);
        }

        return Awaited(task, call, usage);

        static async ValueTask<T> Awaited(ValueTask<T> task, LlmCall call, Func<T, LlmUsage>? usage)
        {
            T result;
            try
            {
                result = await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                call.Fail(ex);
                throw;
            }

            call.Succeed(ReadUsage(result, usage));
            return result;
        }
    }

    /// <summary>
    /// Records one span covering the whole enumeration: time to first item, the latest token counts seen,
    /// an error span if it throws, and <c>llm.stream.completed = false</c> if disposed early.
    /// </summary>
    public static IAsyncEnumerable<T> TrackStream<T>(IAsyncEnumerable<T> source, LlmCall call, Func<T, LlmUsage>? usage) =>
        call.IsActive ? new TrackedAsyncEnumerable<T>(source, call, usage) : source;

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
