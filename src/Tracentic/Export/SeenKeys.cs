namespace Tracentic.Export;

/// <summary>
/// The attribute keys one span's layers have named so far (export thread only). A span usually has a handful, for
/// which comparing against each is cheaper than hashing every key; past <see cref="FewKeys"/> they go to a hash set.
/// </summary>
internal sealed class SeenKeys
{
    private const int FewKeys = 16;

    private readonly string?[] _few = new string?[FewKeys];
    private readonly HashSet<string> _many = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Adds <paramref name="key"/>; false when it was named before.</summary>
    public bool Add(string key)
    {
        if (_count <= FewKeys)
        {
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_few[i], key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (_count < FewKeys)
            {
                _few[_count++] = key;
                return true;
            }

            foreach (var few in _few)
            {
                _many.Add(few!);
            }

            _count = FewKeys + 1;
        }

        return _many.Add(key);
    }

    /// <summary>Starts over for the next span.</summary>
    public void Clear()
    {
        if (_count > FewKeys)
        {
            _many.Clear();
        }

        _count = 0;
    }

    /// <summary>Lets go of the keys of spans resolved so far (they are kept only until overwritten otherwise).</summary>
    public void Forget()
    {
        Clear();
        Array.Clear(_few);
    }
}
