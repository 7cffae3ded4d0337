using Microsoft.CodeAnalysis.Text;
using Tracentic.Generators.Common;

namespace Tracentic.Generators.Tests;

/// <summary>The text scan that tells the generator where a traced method's name is written.</summary>
public class IdentifierSearchTests
{
    private static readonly IdentifierSearch s_search = new(["Go", "Ask", "TracenticScope"]);

    [Fact]
    public void Finds_each_word_written_as_a_whole_identifier_in_text_order()
    {
        const string text = "x.Ask(Go()) // Go\n@Go(); Goal(); AskAgain(); _Go(); Go2(); s = \"Ask\"; [TracenticScope]";
        var result = s_search.FindIn(SourceText.From(text), CancellationToken.None);

        Assert.Empty(result.Escapes);
        Assert.Equal(
            [(2, "Ask"), (6, "Go"), (15, "Go"), (19, "Go"), (64, "Ask"), (71, "TracenticScope")],
            result.Found.Select(static f => (f.Position, f.Word)));
    }

    [Theory]
    [InlineData("G\\u006F();", 1)]
    [InlineData("this.\\u0047o();", 5)]
    [InlineData("x = Go\\U00000041;", 6)]
    [InlineData("var s = \"\\u00e9\";", 9)]
    [InlineData("Go\u200B();", 2)]
    public void Says_where_an_identifier_may_be_spelled_so_that_the_scan_cannot_read_it(string text, int position)
    {
        Assert.Equal([position], s_search.FindIn(SourceText.From(text), CancellationToken.None).Escapes);
    }

    [Fact]
    public void Other_characters_and_escapes_are_no_such_place()
    {
        Assert.Empty(s_search.FindIn(SourceText.From("Ask(\"caf\u00e9 \\n \\t \\x41\"); // \u00e9"), CancellationToken.None).Escapes);
    }

    [Fact]
    public void A_long_text_is_scanned_to_its_end_and_a_search_without_words_finds_nothing()
    {
        var text = string.Concat(Enumerable.Repeat("Helper(); ", 50_000)) + "Go();";

        Assert.Equal([(500_000, "Go")], s_search.FindIn(SourceText.From(text), CancellationToken.None).Found);
        Assert.Empty(new IdentifierSearch([]).FindIn(SourceText.From(text), CancellationToken.None).Found);
    }
}
