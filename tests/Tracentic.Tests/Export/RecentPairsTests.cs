using System.Text;
using Tracentic.Export;

namespace Tracentic.Tests.Export;

/// <summary>
/// The identity-keyed cache in front of the resolver's and the writer's dictionaries: it may only answer for the very
/// strings it was given (an equal string made elsewhere falls back to the dictionary, which compares characters).
/// </summary>
public sealed class RecentPairsTests
{
    [Fact]
    public void It_answers_for_the_same_strings_only()
    {
        var recent = new RecentPairs<string>();
        const string provider = "openai";
        const string operation = "chat";
        recent.Set(provider, operation, "llm.openai.chat");

        Assert.True(recent.TryGet(provider, operation, out var name));
        Assert.Equal("llm.openai.chat", name);
        Assert.False(recent.TryGet(new StringBuilder(provider).ToString(), operation, out _));
        Assert.False(recent.TryGet(operation, provider, out _));
        Assert.False(recent.TryGet(provider, null, out _));
    }

    [Fact]
    public void A_pair_never_set_is_not_found_and_null_keys_are_keys_like_any_other()
    {
        var recent = new RecentPairs<string>();
        Assert.False(recent.TryGet(null, null, out _));

        recent.Set(null, null, "llm.call");

        Assert.True(recent.TryGet(null, null, out var name));
        Assert.Equal("llm.call", name);
    }
}
