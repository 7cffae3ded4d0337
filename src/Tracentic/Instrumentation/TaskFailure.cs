using System.Runtime.CompilerServices;

namespace Tracentic.Instrumentation;

/// <summary>
/// What awaiting a failed task would throw, read so that the program still sees its exception as unobserved when it
/// never observes it itself (<see cref="TaskScheduler.UnobservedTaskException"/> is still raised). Reading a task's
/// exception marks it observed; on .NET 10 the mark is taken back when it was not there before, through
/// <c>[UnsafeAccessor]</c> (no reflection). Elsewhere, or on a runtime laid out differently, recording the failure
/// observes it.
/// </summary>
internal static class TaskFailure
{
    public static Exception Of(Task task)
    {
        var holder = ExceptionHolder(task);
        var wasHandled = holder is not null && IsHandled(holder);
        var exception = task.Exception?.InnerException ?? new TaskCanceledException(task);
        if (holder is not null && !wasHandled)
        {
            Unmark(holder);
        }

        return exception;
    }

#if NET10_0_OR_GREATER
    private const string ContingentPropertiesType = "System.Threading.Tasks.Task+ContingentProperties, System.Private.CoreLib";
    private const string HolderType = "System.Threading.Tasks.TaskExceptionHolder, System.Private.CoreLib";

    private static object? ExceptionHolder(Task task)
    {
        try
        {
            var properties = ContingentProperties(task);
            return properties is null ? null : Holder(properties);
        }
        catch (Exception)
        {
            return null; // this runtime does not allow it: the failure is read the ordinary way
        }
    }

    private static bool IsHandled(object holder)
    {
        try
        {
            return Handled(holder);
        }
        catch (Exception)
        {
            return true; // unknown: leave the mark alone
        }
    }

    private static void Unmark(object holder)
    {
        try
        {
            MarkAsUnhandled(holder);
        }
        catch (Exception)
        {
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "m_contingentProperties")]
    [return: UnsafeAccessorType(ContingentPropertiesType)]
    private static extern ref object? ContingentProperties(Task task);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "m_exceptionsHolder")]
    [return: UnsafeAccessorType(HolderType)]
    private static extern ref object? Holder([UnsafeAccessorType(ContingentPropertiesType)] object properties);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "m_isHandled")]
    private static extern ref bool Handled([UnsafeAccessorType(HolderType)] object holder);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "MarkAsUnhandled")]
    private static extern void MarkAsUnhandled([UnsafeAccessorType(HolderType)] object holder);
#else
    private static object? ExceptionHolder(Task task) => null;

    private static bool IsHandled(object holder) => true;

    private static void Unmark(object holder)
    {
    }
#endif
}
