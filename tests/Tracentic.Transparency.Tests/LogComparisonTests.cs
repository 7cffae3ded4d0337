using Tracentic.Transparency.Tests.Infrastructure;

namespace Tracentic.Transparency.Tests;

/// <summary>The comparison the differential relies on: it must see every kind of difference, in every shape.</summary>
public sealed class LogComparisonTests
{
    private static readonly AllowedDifference[] s_allowed =
        [new("allowed.x", "~caller: ", observed => observed.StartsWith("Generated.", StringComparison.Ordinal), "test")];

    [Fact]
    public void Equal_logs_have_no_difference()
    {
        string[] log = ["a: begin", "a: x", "b: begin", "b: end"];
        Assert.Empty(LogComparison.Compare(log, log, s_allowed));
    }

    [Fact]
    public void Every_differing_shape_is_reported_with_its_first_differing_event()
    {
        string[] truth = ["a: begin", "a: ran once", "a: end", "b: begin", "b: end", "c: begin", "c: count 2"];
        string[] observed = ["a: begin", "a: ran once", "a: ran once", "a: end", "b: begin", "b: end", "c: begin", "c: count 3"];

        var differences = LogComparison.Compare(truth, observed, s_allowed);

        Assert.Equal(["a", "c"], differences.Select(d => d.Shape));
        Assert.Equal(("a: end", "a: ran once"), (differences[0].Truth, differences[0].Observed));
        Assert.Equal(("c: count 2", "c: count 3"), (differences[1].Truth, differences[1].Observed));
    }

    [Fact]
    public void Missing_and_extra_events_and_shapes_are_differences()
    {
        string[] truth = ["a: begin", "a: end", "b: begin"];
        string[] observed = ["a: begin", "extra: begin"];

        var differences = LogComparison.Compare(truth, observed, s_allowed);

        Assert.Equal(["a", "b", "extra"], differences.Select(d => d.Shape));
        Assert.Null(differences[0].Observed);
        Assert.Null(differences[2].Truth);
    }

    [Fact]
    public void An_allowed_difference_passes_only_on_its_shape_line_and_value()
    {
        string[] truth = ["allowed.x: ~caller: User.Method", "other: ~caller: User.Method"];
        Assert.Empty(LogComparison.Compare(truth, ["allowed.x: ~caller: Generated.Interceptor", "other: ~caller: User.Method"], s_allowed));
        Assert.Equal(["allowed.x"], LogComparison.Compare(truth, ["allowed.x: ~caller: Somewhere.Else", "other: ~caller: User.Method"], s_allowed).Select(d => d.Shape));
        Assert.Equal(["other"], LogComparison.Compare(truth, ["allowed.x: ~caller: User.Method", "other: ~caller: Generated.Interceptor"], s_allowed).Select(d => d.Shape));
    }
}
