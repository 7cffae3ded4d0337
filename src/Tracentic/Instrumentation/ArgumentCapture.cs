using System.ComponentModel;
using System.Globalization;

namespace Tracentic.Instrumentation;

/// <summary>
/// Turns a marked argument into something safe to record, running none of the program's own code: scalars of the base
/// class library are recorded as they are (or as their text), arrays and the framework's own lists, sets and
/// dictionaries are copied with their items captured the same way, and anything else is recorded by its type name. A
/// lazy sequence is never enumerated and no <c>ToString()</c> of yours is ever called by a wrapper.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArgumentCapture
{
    // Nested collections are copied this deep; below, a collection is recorded by its type name (bounded work, and
    // a collection that holds itself ends).
    private const int MaxDepth = 4;

    /// <summary>The argument as text (a model, a correlation or parent scope id): null when it is null or not a scalar.</summary>
    public static string? Text<T>(T value) => value switch
    {
        null => null,
        string text => text,
        _ => Scalar(value, out var scalar) ? Convert.ToString(scalar, CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The argument as an attribute value (see the class remarks).</summary>
    public static object? Value<T>(T value) => ValueOf(value, 0);

    private static object? ValueOf(object? value, int depth)
    {
        if (value is null || value is string)
        {
            return value;
        }

        if (Scalar(value, out var scalar))
        {
            return scalar;
        }

        if (depth >= MaxDepth)
        {
            return value.GetType().Name;
        }

        switch (value)
        {
            case Array array when array.Rank == 1:
                var items = new object?[array.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ValueOf(array.GetValue(i), depth + 1);
                }

                return items;
            case System.Collections.IDictionary dictionary when IsOwnCollection(value, typeof(Dictionary<,>)):
                var map = new Dictionary<string, object?>(dictionary.Count);
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    map[Text(entry.Key) ?? entry.Key.GetType().Name] = ValueOf(entry.Value, depth + 1);
                }

                return map;
            case System.Collections.IEnumerable sequence when IsOwnCollection(value, typeof(List<>)) || IsOwnCollection(value, typeof(HashSet<>)):
                var copy = new List<object?>();
                foreach (var item in sequence)
                {
                    copy.Add(ValueOf(item, depth + 1));
                }

                return copy.ToArray();
            default:
                return value.GetType().Name; // your own type, a wrapper over your collection, or a lazy sequence
        }
    }

    /// <summary>A value the runtime itself formats, whose members run none of the program's code (enums included).</summary>
    private static bool Scalar(object value, out object scalar)
    {
        scalar = value;
        return value is bool or char or byte or sbyte or short or ushort or int or uint or long or ulong
            or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or DateOnly or TimeOnly
            || (value is Enum && EnumText(value, out scalar));
    }

    private static bool EnumText(object value, out object text)
    {
        try
        {
            text = value.ToString()!;
        }
        catch (Exception)
        {
            text = value.GetType().Name;
        }

        return true;
    }

    /// <summary>Exactly the framework's own collection type (not a subclass of yours), whose enumeration runs no user code.</summary>
    private static bool IsOwnCollection(object value, Type genericDefinition) =>
        value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == genericDefinition;
}
