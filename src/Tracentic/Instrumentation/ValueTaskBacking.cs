using System.Runtime.CompilerServices;

namespace Tracentic.Instrumentation;

/// <summary>
/// What a value task wraps: a plain result, a <see cref="Task"/>, or a value task source. A result can be read and a
/// task watched beside the caller without the caller noticing, so such a value task is handed back unchanged; only a
/// source (which may be read once) needs forwarding. Read through <c>[UnsafeAccessor]</c>: no reflection, trimming and
/// NativeAOT safe.
/// </summary>
internal static class ValueTaskBacking
{
    public enum Kind
    {
        Result,
        Task,
        SourceOrUnknown,
    }

    public static Kind Of(ValueTask task) => KindOf(ObjectOf(task));

    public static Kind Of<T>(ValueTask<T> task)
    {
#if NET9_0_OR_GREATER
        return KindOf(ObjectOf(task));
#else
        _ = task;
        return Kind.SourceOrUnknown; // generic [UnsafeAccessor] arrived in .NET 9
#endif
    }

    public static Task TaskOf(ValueTask task) => (Task)ObjectOf(task)!;

#if NET9_0_OR_GREATER
    public static Task<T> TaskOf<T>(ValueTask<T> task) => (Task<T>)ObjectOf(task)!;
#else
    public static Task<T> TaskOf<T>(ValueTask<T> task) => throw new NotSupportedException();
#endif

    private static Kind KindOf(object? backing) => backing switch
    {
        null => Kind.Result,
        System.Threading.Tasks.Task => Kind.Task,
        _ => Kind.SourceOrUnknown,
    };

    private static object? ObjectOf(ValueTask task)
    {
        try
        {
            return Object(ref task);
        }
        catch (MissingFieldException exception)
        {
            return exception; // a runtime that lays value tasks out differently: treated as unknown
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_obj")]
    private static extern ref object? Object(ref ValueTask task);

#if NET9_0_OR_GREATER
    private static object? ObjectOf<T>(ValueTask<T> task)
    {
        try
        {
            return Field<T>.Object(ref task);
        }
        catch (MissingFieldException exception)
        {
            return exception;
        }
    }

    private static class Field<T>
    {
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_obj")]
        public static extern ref object? Object(ref ValueTask<T> task);
    }
#endif
}
