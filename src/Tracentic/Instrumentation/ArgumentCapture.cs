using System.Collections;
using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// Turns a marked argument into something safe to record. Runs no user code the program would not have run except
/// a <c>ToString()</c>, whose exception never escapes; never enumerates a sequence it cannot copy safely.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArgumentCapture
{
    /// <summary>The argument as text (a model, a correlation or parent scope id); null when it has none or cannot give one.</summary>
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
    /// (the caller may change them later); any other sequence, which may be lazy, by its type name only; any other
    /// object as its text.
    /// </summary>
    public static object? Value<T>(T value)
    {
        switch (value)
        {
            case null:
                return null;
            case string or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
                or float or double or decimal or Enum or DateTime or DateTimeOffset or TimeSpan or Guid:
                return value;
            case Array array:
                return array.Clone();
            case IEnumerable sequence when IsFrameworkCollection(sequence):
                var copy = new List<object?>();
                foreach (var item in sequence)
                {
                    copy.Add(item);
                }

                return copy.ToArray();
            case IEnumerable:
                return value.GetType().Name; // enumerating could start work the program never asked for
            default:
                return Text(value);
        }
    }

    /// <summary>A materialized collection of the base class library, whose enumeration runs no user code.</summary>
    private static bool IsFrameworkCollection(IEnumerable sequence) =>
        sequence is ICollection or IReadOnlyCollection<object?>
        && sequence.GetType().Assembly == typeof(List<>).Assembly;
}
