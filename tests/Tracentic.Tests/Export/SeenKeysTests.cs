using Tracentic.Export;

namespace Tracentic.Tests.Export;

/// <summary>The keys one span's layers named: a repeat is found whether the span has a few keys or many.</summary>
public sealed class SeenKeysTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void A_key_is_new_once_per_span_however_many_there_are(int count)
    {
        var seen = new SeenKeys();
        for (var span = 0; span < 3; span++)
        {
            // Equal keys made anew each time: found by their characters, not by being the same string.
            Assert.All(Enumerable.Range(0, count), i => Assert.True(seen.Add(new string('k', 1) + i)));
            Assert.All(Enumerable.Range(0, count), i => Assert.False(seen.Add(new string('k', 1) + i)));
            Assert.True(seen.Add("other"));
            seen.Clear();
        }
    }

    [Fact]
    public void Forgetting_starts_over_as_clearing_does()
    {
        var seen = new SeenKeys();
        Assert.True(seen.Add("a"));
        seen.Forget();
        Assert.True(seen.Add("a"));
    }
}
