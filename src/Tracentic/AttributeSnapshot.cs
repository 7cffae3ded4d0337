using System.Collections.ObjectModel;

namespace Tracentic;

/// <summary>Read-only copies of attribute dictionaries, so nothing the caller keeps can change a recorded value.</summary>
internal static class AttributeSnapshot
{
    public static readonly IReadOnlyDictionary<string, object?> Empty =
        new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    public static IReadOnlyDictionary<string, object?> Copy(IEnumerable<KeyValuePair<string, object?>>? source)
    {
        if (source is null)
        {
            return Empty;
        }

        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in source)
        {
            if (!string.IsNullOrEmpty(key))
            {
                copy[key] = value;
            }
        }

        return copy.Count == 0 ? Empty : Wrap(copy);
    }

    public static IReadOnlyDictionary<string, object?> Wrap(Dictionary<string, object?> owned) =>
        new ReadOnlyDictionary<string, object?>(owned);
}
