using System.Collections;
using System.Globalization;

namespace Tracentic.Export;

/// <summary>
/// An attribute value reduced to what OTLP can carry. Normalizing first (where user code such as
/// <c>ToString</c> or an enumerator may throw) means writing JSON afterwards can never fail halfway.
/// </summary>
internal readonly struct AttributeValue
{
    private const int MaxDepth = 4;

    private AttributeValue(AttributeKind kind, string? text = null, long integer = 0, double number = 0, bool flag = false, List<KeyValuePair<string?, AttributeValue>>? items = null)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Number = number;
        Flag = flag;
        Items = items;
    }

    public AttributeKind Kind { get; }
    public string? Text { get; }
    public long Integer { get; }
    public double Number { get; }
    public bool Flag { get; }

    /// <summary>Array elements (key null) or key-value list entries.</summary>
    public List<KeyValuePair<string?, AttributeValue>>? Items { get; }

    public static AttributeValue String(string text) => new(AttributeKind.String, text: text);

    public static AttributeValue Int(long value) => new(AttributeKind.Int, integer: value);

    public static AttributeValue Double(double value) => new(AttributeKind.Double, number: value);

    /// <summary>
    /// Maps a CLR value to an OTLP value. Null yields false (the attribute is omitted). Strings are
    /// truncated and cleaned of lone surrogates; collections become arrays or key-value lists.
    /// </summary>
    public static bool TryCreate(object? value, AttributeLimits limits, out AttributeValue result, int depth = 0)
    {
        var maxStringLength = limits.MaxStringValueLength;
        try
        {
            result = Create(value, limits, depth);
            return result.Kind != AttributeKind.None;
        }
        catch (Exception ex)
        {
            // A throwing ToString or enumerator must not lose the span: record what the value was instead.
            result = String(JsonText.Clean($"<unserializable {value?.GetType().Name}: {ex.GetType().Name}>", maxStringLength));
            return true;
        }
    }

    private static AttributeValue Create(object? value, AttributeLimits limits, int depth)
    {
        var maxStringLength = limits.MaxStringValueLength;
        var maxItems = limits.MaxAttributeCount;
        switch (value)
        {
            case null:
                return default;
            case string s:
                return String(JsonText.Clean(s, maxStringLength));
            case bool b:
                return new(AttributeKind.Bool, flag: b);
            case char c:
                return String(JsonText.Clean(c.ToString(), maxStringLength));
            case int i:
                return Int(i);
            case long l:
                return Int(l);
            case short sh:
                return Int(sh);
            case byte by:
                return Int(by);
            case sbyte sb:
                return Int(sb);
            case ushort us:
                return Int(us);
            case uint ui:
                return Int(ui);
            case ulong ul:
                // Beyond long.MaxValue an OTLP int cannot hold it; keep every digit as text.
                return ul <= long.MaxValue ? Int((long)ul) : String(ul.ToString(CultureInfo.InvariantCulture));
            case double d:
                return Double(d);
            case float f:
                return Double(f);
            case decimal m:
                return Double((double)m);
            case Enum e:
                return String(JsonText.Clean(e.ToString(), maxStringLength));
            case DateTimeOffset dto:
                // UTC with a Z, like every other timestamp Tracentic sends.
                return String(dto.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            case DateTime dt:
                return String((dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt).ToString("O", CultureInfo.InvariantCulture));
            case TimeSpan ts:
                return String(ts.ToString("c", CultureInfo.InvariantCulture));
        }

        if (depth >= MaxDepth)
        {
            return String(JsonText.Clean(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", maxStringLength));
        }

        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            var entries = new List<KeyValuePair<string?, AttributeValue>>();
            foreach (var (key, item) in pairs)
            {
                if (entries.Count == maxItems)
                {
                    break;
                }

                if (key is not null && TryCreate(item, limits, out var inner, depth + 1))
                {
                    entries.Add(new(JsonText.Clean(key, limits.MaxKeyLength), inner));
                }
            }

            return new(AttributeKind.KeyValueList, items: entries);
        }

        if (value is IDictionary dictionary)
        {
            // Dictionaries with other key or value types (Dictionary<string, int>, enum keys...): keys as text.
            var entries = new List<KeyValuePair<string?, AttributeValue>>();
            var enumerator = dictionary.GetEnumerator();
            while (enumerator.MoveNext() && entries.Count < maxItems)
            {
                var key = enumerator.Key is IFormattable formattableKey
                    ? formattableKey.ToString(null, CultureInfo.InvariantCulture)
                    : enumerator.Key.ToString();
                if (key is not null && TryCreate(enumerator.Value, limits, out var inner, depth + 1))
                {
                    entries.Add(new(JsonText.Clean(key, limits.MaxKeyLength), inner));
                }
            }

            return new(AttributeKind.KeyValueList, items: entries);
        }

        if (value is IEnumerable sequence)
        {
            var elements = new List<KeyValuePair<string?, AttributeValue>>();
            foreach (var item in sequence)
            {
                if (elements.Count == maxItems)
                {
                    break;
                }

                // OTLP arrays have no nulls: a null element is written as an empty value.
                elements.Add(new(null, TryCreate(item, limits, out var inner, depth + 1) ? inner : new(AttributeKind.Empty)));
            }

            return new(AttributeKind.Array, items: elements);
        }

        var text = value is IFormattable formattable
            ? formattable.ToString(null, CultureInfo.InvariantCulture)
            : value.ToString();
        return String(JsonText.Clean(text ?? "", maxStringLength));
    }
}

internal enum AttributeKind
{
    None,
    String,
    Bool,
    Int,
    Double,
    Array,
    KeyValueList,
    Empty,
}

/// <summary>Makes any string safe to write: truncated without splitting a surrogate pair, lone surrogates replaced.</summary>
internal static class JsonText
{
    public static string Clean(string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            var cut = maxLength;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = text[..cut];
        }

        return HasLoneSurrogate(text) ? ReplaceLoneSurrogates(text) : text;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
