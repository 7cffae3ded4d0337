using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Tracentic.Generators.Common;

/// <summary>User text made safe to place in generated C#: identifiers, string literals, comments.</summary>
internal static class CSharpText
{
    /// <summary>The identifier, <c>@</c>-escaped when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A string literal (or <c>null</c>) whose value is exactly <paramref name="value"/>.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                default:
                    if (NeedsEscape(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Text for a <c>//</c> comment: anything that would end the line (or not survive UTF-8) is shown escaped.</summary>
    public static string Comment(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // Control characters and the Unicode line terminators end a line or a literal; lone surrogates cannot be written as UTF-8.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' || char.IsSurrogate(c);
}
