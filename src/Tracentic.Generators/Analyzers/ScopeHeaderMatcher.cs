using System;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// The two string tests behind TRC001 and TRC002 (documented in analyzers.md).
/// <list type="bullet">
/// <item><b>TRC001</b>: the string equals the header in any letter case.</item>
/// <item><b>TRC002</b>: the string is not the header, but is a short header-shaped token (after trimming
/// whitespace: at most <see cref="MaxTokenLength"/> ASCII letters, digits, <c>-</c> and <c>_</c>) whose
/// <em>skeleton</em> (lower case, <c>-</c> and <c>_</c> removed) is within Damerau-Levenshtein distance
/// <see cref="MaxDistance"/> (optimal string alignment) of the header's skeleton (<c>xtracenticscopeid</c>)
/// or of the skeleton without the <c>x-</c> prefix (<c>tracenticscopeid</c>).</item>
/// </list>
/// </summary>
internal sealed class ScopeHeaderMatcher
{
    /// <summary>Edits (insert, delete, substitute, swap two neighbours) tolerated between skeletons.</summary>
    public const int MaxDistance = 2;

    /// <summary>Longest trimmed string considered header-shaped; anything longer is text, not a header name.</summary>
    public const int MaxTokenLength = 40;

    private readonly string _skeleton;
    private readonly string? _skeletonWithoutPrefix;

    public ScopeHeaderMatcher(string header)
    {
        Header = header;
        _skeleton = Skeleton(header);
        var withoutPrefix = header.StartsWith("x-", StringComparison.OrdinalIgnoreCase) ? header.Substring(2) : null;
        _skeletonWithoutPrefix = withoutPrefix is null ? null : Skeleton(withoutPrefix);
    }

    /// <summary>The canonical header name, e.g. <c>x-tracentic-scope-id</c>.</summary>
    public string Header { get; }

    /// <summary>TRC001: the header name in any letter case.</summary>
    public bool IsHeader(string value) => string.Equals(value, Header, StringComparison.OrdinalIgnoreCase);

    /// <summary>TRC002: a near miss of the header name (never true when <see cref="IsHeader"/> is).</summary>
    public bool IsMisspelling(string value)
    {
        // Cheap gate first: most string constants in a program are far longer or far shorter.
        if (value.Length > 2 * MaxTokenLength || IsHeader(value))
        {
            return false;
        }

        var token = value.Trim();
        if (token.Length == 0 || token.Length > MaxTokenLength || !IsHeaderShaped(token))
        {
            return false;
        }

        var skeleton = Skeleton(token);
        return IsWithinDistance(skeleton, _skeleton)
            || (_skeletonWithoutPrefix is not null && IsWithinDistance(skeleton, _skeletonWithoutPrefix));
    }

    /// <summary>Either rule: used to avoid reporting a concatenation built from an already reported constant.</summary>
    public bool IsHeaderLike(string value) => IsHeader(value) || IsMisspelling(value);

    private static bool IsHeaderShaped(string token)
    {
        foreach (var c in token)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string Skeleton(string token)
    {
        var chars = new char[token.Length];
        var length = 0;
        foreach (var c in token)
        {
            if (c is '-' or '_')
            {
                continue;
            }

            chars[length++] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }

        return new string(chars, 0, length);
    }

    private static bool IsWithinDistance(string a, string b) =>
        Math.Abs(a.Length - b.Length) <= MaxDistance && OptimalStringAlignmentDistance(a, b) <= MaxDistance;

    /// <summary>Damerau-Levenshtein distance, optimal string alignment variant (adjacent swaps count as one edit).</summary>
    internal static int OptimalStringAlignmentDistance(string a, string b)
    {
        // Three rolling rows: i-2, i-1, i.
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, previous2[j - 2] + 1);
                }

                current[j] = best;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
