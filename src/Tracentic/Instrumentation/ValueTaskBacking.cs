using System.Runtime.CompilerServices;

namespace Tracentic.Instrumentation;

/// <summary>
/// The <see cref="Task"/> behind a value task, when a task is what it wraps. Such a value task can be handed back
/// unchanged (its <c>AsTask()</c> stays the same object) while the task is watched beside the caller, as for a
/// returned <see cref="Task"/>. Read through <c>[UnsafeAccessor]</c>: no reflection, trimming and NativeAOT safe.
/// </summary>
internal static class ValueTaskBacking
{
    public static Task? TaskOf(ValueTask task)
    {
        try
        {
            return Object(ref task) as Task;
        }
        catch (MissingFieldException)
        {
            return null; // a runtime that lays value tasks out differently: the caller gets a forwarding value task instead
        }
    }

    public static Task<T>? TaskOf<T>(ValueTask<T> task)
    {
#if NET9_0_OR_GREATER
        try
        {
            return Field<T>.Object(ref task) as Task<T>;
        }
        catch (MissingFieldException)
        {
            return null;
        }
#else
        _ = task;
        return null; // generic [UnsafeAccessor] arrived in .NET 9
#endif
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_obj")]
    private static extern ref object? Object(ref ValueTask task);

#if NET9_0_OR_GREATER
    private static class Field<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_obj")]
        public static extern ref object? Object(ref ValueTask<T> task);
    }
#endif
}
