using System.Text.RegularExpressions;

namespace Tracentic.IntegrationTests.Readme;

/// <summary>How a C# block of the README or of docs/ is compiled, from its info string.</summary>
internal enum BlockKind
{
    /// <summary><c>```csharp</c>: a complete file of a console project (its implicit usings apply).</summary>
    File,

    /// <summary><c>```csharp web</c>: a complete file of an ASP.NET Core project (the Web SDK's implicit usings apply).</summary>
    WebFile,

    /// <summary>
    /// <c>```csharp fragment</c>: statements, compiled inside an async method where <c>tracentic</c> (ITracentic),
    /// <c>builder</c> (WebApplicationBuilder), <c>services</c> (IServiceCollection) and <c>chat</c> (IChatClient) exist.
    /// </summary>
    Fragment,
}

/// <summary>One fenced C# block: where it starts, how to compile it, and the diagnostics it is meant to show.</summary>
internal sealed record ReadmeBlock(string File, int Line, BlockKind Kind, IReadOnlyList<string> ExpectedDiagnostics, string Code)
{
    public override string ToString() => $"{File}:{Line} ({Kind}{(ExpectedDiagnostics.Count > 0 ? ", expects " + string.Join(",", ExpectedDiagnostics) : "")})";
}

internal static partial class ReadmeBlocks
{
    /// <summary>
    /// Every <c>```csharp</c> block. The info string may add <c>web</c> or <c>fragment</c>, and
    /// <c>diagnostic=TRC101[,TRC...]</c> for a block that demonstrates a diagnostic. Other spellings of C#
    /// (<c>cs</c>, <c>c#</c>) are refused, so that no block escapes compilation.
    /// </summary>
    public static IReadOnlyList<ReadmeBlock> Parse(string markdown, string file)
    {
        var blocks = new List<ReadmeBlock>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var language = fence.Groups["language"].Value;
            var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == "```");
            if (end < 0)
            {
                throw new InvalidOperationException($"{file}:{i + 1}: the code block is never closed");
            }

            if (language is "cs" or "c#" or "C#" or "CSharp")
            {
                throw new InvalidOperationException($"{file}:{i + 1}: write ```csharp so the README test compiles this block");
            }

            if (language == "csharp")
            {
                var words = fence.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var kind = BlockKind.File;
                var expected = new List<string>();
                foreach (var word in words)
                {
                    if (word == "web")
                    {
                        kind = BlockKind.WebFile;
                    }
                    else if (word == "fragment")
                    {
                        kind = BlockKind.Fragment;
                    }
                    else if (word.StartsWith("diagnostic=", StringComparison.Ordinal))
                    {
                        expected.AddRange(word["diagnostic=".Length..].Split(','));
                    }
                    else
                    {
                        throw new InvalidOperationException($"{file}:{i + 1}: unknown word '{word}' after ```csharp (use web, fragment or diagnostic=ID)");
                    }
                }

                blocks.Add(new ReadmeBlock(file, i + 2, kind, expected, string.Join('\n', lines[(i + 1)..end])));
            }

            i = end;
        }

        return blocks;
    }

    [GeneratedRegex("^```(?<language>[A-Za-z#+-]*)(?<info>.*)$")]
    private static partial Regex Fence();
}
