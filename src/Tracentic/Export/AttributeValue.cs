using System.Collections;
using System.Globalization;

namespace Tracentic.Export;

/// <summary>
/// An attribute value reduced to what OTLP can carry. Normalizing first (where user code such as
/// <c>ToString</c> or an enumerator may throw) means writing JSON afterwards can never fail halfway.
/// </summary>
internal readonly struct AttributeValue
{
    /// <summary>Nesting levels kept; deeper values are written as their text.</summary>
    public const int MaxDepth = 4;

    /// <summary>Values (nested ones included) one attribute may hold.</summary>
    public const int MaxNodes = 1024;

    /// <summary>Characters of text one attribute may hold across its nested values.</summary>
    public const int MaxChars = 64 * 1024;

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

    public static AttributeValue Bool(bool value) => new(AttributeKind.Bool, flag: value);

    /// <summary>
    /// Maps a CLR value to an OTLP value. Null yields false (the attribute is omitted). Strings are truncated and
    /// cleaned of lone surrogates; collections become arrays or key-value lists, bounded in depth
    /// (<see cref="MaxDepth"/>), in values (<see cref="MaxNodes"/>) and in characters (<see cref="MaxChars"/>), so a
    /// list that holds itself, or one object shared many times, stays small. Never throws.
    /// </summary>
    public static bool TryCreate(object? value, AttributeLimits limits, out AttributeValue result)
    {
        var budget = new Budget { Nodes = MaxNodes, Chars = MaxChars };
        return TryCreate(value, limits, 0, ref budget, out result);
    }

    private static bool TryCreate(object? value, AttributeLimits limits, int depth, ref Budget budget, out AttributeValue result)
    {
        try
        {
            budget.Nodes--;
            result = Create(value, limits, depth, ref budget);
            return result.Kind != AttributeKind.None;
        }
        catch (Exception ex)
        {
            // A throwing ToString or enumerator must not lose the span: record what the value was instead.
            result = String(JsonText.Clean($"<unserializable {SafeTypeName(value)}: {ex.GetType().Name}>", limits.MaxStringValueLength));
            return true;
        }
    }

    private static string SafeTypeName(object? value) => value?.GetType().Name ?? "null";

    private static AttributeValue Create(object? value, AttributeLimits limits, int depth, ref Budget budget)
    {
        var maxStringLength = Math.Min(limits.MaxStringValueLength, Math.Max(budget.Chars, 0));
        switch (value)
        {
            case null:
                return default;
            case string s:
                return FromText(s, maxStringLength, ref budget);
            case bool b:
                return new(AttributeKind.Bool, flag: b);
            case char c:
                return FromText(c.ToString(), maxStringLength, ref budget);
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
                return FromText(e.ToString(), maxStringLength, ref budget);
            case DateTimeOffset dto:
                // UTC with a Z, like every other timestamp Tracentic sends.
                return String(dto.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            case DateTime dt:
                return String((dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt).ToString("O", CultureInfo.InvariantCulture));
            case TimeSpan ts:
                return String(ts.ToString("c", CultureInfo.InvariantCulture));
        }

        if (depth >= MaxDepth || budget.Nodes <= 0)
        {
            return FromText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", maxStringLength, ref budget);
        }

        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            var list = new KeyValueListBuilder(limits);
            foreach (var (key, item) in pairs)
            {
                if (list.IsFull(budget))
                {
                    break;
                }

                list.Add(key, item, depth, ref budget);
            }

            return list.Build();
        }

        if (value is IDictionary dictionary)
        {
            // Dictionaries with other key or value types (Dictionary<string, int>, enum keys...): keys as text.
            var list = new KeyValueListBuilder(limits);
            var enumerator = dictionary.GetEnumerator();
            while (!list.IsFull(budget) && enumerator.MoveNext())
            {
                var key = enumerator.Key is IFormattable formattableKey
                    ? formattableKey.ToString(null, CultureInfo.InvariantCulture)
                    : enumerator.Key.ToString();
                list.Add(key, enumerator.Value, depth, ref budget);
            }

            return list.Build();
        }

        if (value is IEnumerable sequence)
        {
            var elements = new List<KeyValuePair<string?, AttributeValue>>();
            foreach (var item in sequence)
            {
                if (elements.Count == limits.MaxAttributeCount || budget.Nodes <= 0 || budget.Chars <= 0)
                {
                    break;
                }

                // OTLP arrays have no nulls: a null element is written as an empty value.
                elements.Add(new(null, TryCreate(item, limits, depth + 1, ref budget, out var inner) ? inner : new(AttributeKind.Empty)));
            }

            return new(AttributeKind.Array, items: elements);
        }

        var text = value is IFormattable formattable
            ? formattable.ToString(null, CultureInfo.InvariantCulture)
            : value.ToString();
        return FromText(text ?? "", maxStringLength, ref budget);
    }

    private static AttributeValue FromText(string text, int maxLength, ref Budget budget)
    {
        var clean = JsonText.Clean(text, Math.Max(maxLength, 0));
        budget.Chars -= clean.Length;
        return String(clean);
    }

    /// <summary>What one attribute value may still spend on nested values and their text.</summary>
    private struct Budget
    {
        public int Nodes;
        public int Chars;
    }

    /// <summary>Builds a key-value list whose keys are non-empty and unique after cleaning (the first one wins).</summary>
    private readonly struct KeyValueListBuilder(AttributeLimits limits)
    {
        private readonly List<KeyValuePair<string?, AttributeValue>> _entries = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public bool IsFull(Budget budget) => _entries.Count == limits.MaxAttributeCount || budget.Nodes <= 0 || budget.Chars <= 0;

        public void Add(string? rawKey, object? item, int depth, ref Budget budget)
        {
            if (string.IsNullOrEmpty(rawKey))
            {
                return;
            }

            var key = JsonText.Clean(rawKey, limits.MaxKeyLength);
            if (!_keys.Contains(key) && TryCreate(item, limits, depth + 1, ref budget, out var inner))
            {
                _keys.Add(key);
                budget.Chars -= key.Length;
                _entries.Add(new(key, inner));
            }
        }

        public AttributeValue Build() => new(AttributeKind.KeyValueList, items: _entries);
    }
}

/// <summary>Which OTLP <c>AnyValue</c> field an <see cref="AttributeValue"/> fills.</summary>
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

