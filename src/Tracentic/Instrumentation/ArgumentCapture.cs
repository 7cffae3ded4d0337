using System.Collections;
using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// Turns a marked argument into something safe to record, running none of the program's own code: a value of a
/// base-class-library type is recorded as it is (or as its text), anything else by its type name only. A lazy
/// sequence is never enumerated and no <c>ToString()</c> of yours is ever called by a wrapper.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArgumentCapture
{
    /// <summary>The argument as text (a model, a correlation or parent scope id): null when it is null or of your own type.</summary>
    public static string? Text<T>(T value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is string text)
        {
            return text;
        }

        if (!IsFrameworkType(value))
        {
            return null; // its ToString() is the program's code, which a wrapper never runs
        }

        try
        {
            return value.ToString();
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// The argument as an attribute value: scalars as they are; arrays and the framework's own collections copied now
    /// (the caller may change them later); any other sequence, which may be lazy, and any value of your own type, by
    /// its type name only.
    /// </summary>
    public static object? Value<T>(T value)
    {
        switch (value)
        {
            case null:
                return null;
            case string or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
                or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid:
                return value;
            case Enum named:
                return EnumName(named); // the runtime formats enums; no user code can override it
            case Array array when IsFrameworkType(array.GetType().GetElementType()!):
                return array.Clone();
            case IEnumerable sequence when IsFrameworkType(value) && sequence is ICollection:
                var copy = new List<object?>();
                foreach (var item in sequence)
                {
                    copy.Add(item is null || IsFrameworkType(item) ? item : item.GetType().Name);
                }

                return copy.ToArray();
            default:
                return IsFrameworkType(value) ? Text(value) : value.GetType().Name;
        }
    }

    private static string EnumName(Enum value)
    {
        try
        {
            return value.ToString();
        }
        catch (Exception)
        {
            return value.GetType().Name;
        }
    }

    /// <summary>A type of the base class library, whose members run none of the program's code.</summary>
    private static bool IsFrameworkType(object value) => IsFrameworkType(value.GetType());

    private static bool IsFrameworkType(Type type) =>
        type.Assembly == typeof(object).Assembly
        && (!type.IsGenericType || type.GetGenericArguments().All(IsFrameworkType));
}
