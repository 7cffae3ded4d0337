using Tracentic.Generators.Analyzers;

namespace Tracentic.CodeFixes.Tests;

/// <summary>The string rules behind TRC001/TRC002, without a compilation.</summary>
public sealed class ScopeHeaderMatcherTests
{
    private static readonly ScopeHeaderMatcher Matcher = new(TracenticHeaders.Scope);

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("ab", "ba", 1)]             // adjacent swap is one edit
    [InlineData("abcd", "acbd", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]            // optimal string alignment (true Damerau-Levenshtein would say 2)
    [InlineData("xtracenticscope", "xtracenticscopeid", 2)]
    [InlineData("xtracentictraceid", "xtracenticscopeid", 4)]
    public void Distance(string a, string b, int expected)
    {
        Assert.Equal(expected, ScopeHeaderMatcher.OptimalStringAlignmentDistance(a, b));
        Assert.Equal(expected, ScopeHeaderMatcher.OptimalStringAlignmentDistance(b, a));
    }

    [Fact]
    public void The_header_is_TRC001_in_any_case_and_never_TRC002()
    {
        foreach (var value in new[] { "x-tracentic-scope-id", "X-Tracentic-Scope-Id", "X-TRACENTIC-SCOPE-ID" })
        {
            Assert.True(Matcher.IsHeader(value));
            Assert.False(Matcher.IsMisspelling(value));
            Assert.True(Matcher.IsHeaderLike(value));
        }
    }

    [Theory]
    [InlineData("x-tracentic-scope-idxx", true)]     // two edits
    [InlineData("x-tracentic-scope-idxxx", false)]   // three edits
    [InlineData("x-tracentic-sc", false)]            // three deletions
    [InlineData("tracentic-sco", false)]
    [InlineData("x-tracentic-scope-id\t", true)]     // surrounding whitespace is trimmed
    [InlineData("x tracentic scope id", false)]      // spaces inside: text, not a header name
    [InlineData("x.tracentic.scope.id", false)]      // dots: attribute keys, not header names
    public void Misspelling_boundaries(string value, bool expected) => Assert.Equal(expected, Matcher.IsMisspelling(value));

    [Fact]
    public void The_rule_follows_the_header_the_runtime_declares()
    {
        var other = new ScopeHeaderMatcher("x-acme-scope-id");
        Assert.True(other.IsHeader("X-Acme-Scope-Id"));
        Assert.True(other.IsMisspelling("acme-scope-id"));
        Assert.False(other.IsMisspelling("x-tracentic-scope-id"));
    }
}
