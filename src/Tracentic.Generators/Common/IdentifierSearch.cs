using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace Tracentic.Generators.Common;

/// <summary>
/// Finds where some identifiers are written in a source text by reading its characters, without the syntax tree:
/// far cheaper than visiting every node, so the generator looks only where a traced method's name is written.
/// Words in comments and strings are found too (the caller checks the token at each position). A word spelled in a
/// way only the lexer reads is not found, but where that may be is said (<see cref="Result.Escapes"/>).
/// The scan does not allocate per character or per identifier, and its cost does not grow with the number of words.
/// </summary>
internal sealed class IdentifierSearch
{
    [ThreadStatic]
    private static char[]? t_buffer;

    private const int KeptBufferLength = 256 * 1024;

    // The words by length: an identifier is compared only with the words as long as it.
    private readonly string[]?[] _byLength;

    public IdentifierSearch(IEnumerable<string> words)
    {
        var distinct = words.Where(static w => w.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _byLength = new string[]?[distinct.Length == 0 ? 1 : distinct.Max(static w => w.Length) + 1];
        foreach (var group in distinct.GroupBy(static w => w.Length))
        {
            _byLength[group.Key] = group.ToArray();
        }
    }

    public readonly struct Result(List<(int Position, string Word)> found, List<int>? escapes)
    {
        /// <summary>Where each word starts, in text order.</summary>
        public List<(int Position, string Word)> Found { get; } = found;

        /// <summary>
        /// Where the text has a unicode escape (<c>G\u006F()</c>) or a formatting character, which the lexer folds
        /// into identifiers: the token there may be one of the words, which only its value text can tell.
        /// </summary>
        public IReadOnlyList<int> Escapes { get; } = escapes ?? (IReadOnlyList<int>)Array.Empty<int>();
    }

    public Result FindIn(SourceText text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var length = text.Length;
        var buffer = t_buffer is { } kept && kept.Length >= length ? kept : new char[length];
        text.CopyTo(0, buffer, 0, length);
        if (buffer.Length <= KeptBufferLength)
        {
            t_buffer = buffer;
        }

        var found = new List<(int, string)>();
        List<int>? escapes = null;
        var i = 0;
        while (i < length)
        {
            var c = buffer[i];
            if (!IsIdentifierChar(c))
            {
                if ((c == '\\' && i + 1 < length && buffer[i + 1] is 'u' or 'U')
                    || (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
                {
                    (escapes ??= []).Add(i);
                }

                i++;
                continue;
            }

            var start = i;
            while (i < length && IsIdentifierChar(buffer[i]))
            {
                i++;
            }

            if (i - start < _byLength.Length && _byLength[i - start] is { } candidates)
            {
                foreach (var word in candidates)
                {
                    if (Matches(buffer, start, word))
                    {
                        found.Add((start, word));
                        break;
                    }
                }
            }
        }

        return new Result(found, escapes);
    }

    /// <summary>Whether any of the words is written in <paramref name="text"/> (or may be, hidden from the scan).</summary>
    public bool MayBeIn(SourceText text, CancellationToken cancellationToken)
    {
        var result = FindIn(text, cancellationToken);
        return result.Found.Count > 0 || result.Escapes.Count > 0;
    }

    private static bool Matches(char[] buffer, int start, string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (buffer[start + k] != word[k])
            {
                return false;
            }
        }

        return true;
    }

    // Letters, digits and '_': all of them continue a C# identifier. The lexer accepts a few more categories; a run
    // cut short by one of those can only make the scan find too much, which the caller's token check discards.
    private static bool IsIdentifierChar(char c) =>
        c < 0x80 ? (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_') : char.IsLetterOrDigit(c);
}
