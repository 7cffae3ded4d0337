using System.Text;
using Tracentic.Core;
using Tracentic.Export;
using Tracentic.Testing;

namespace Tracentic.Tests.Export;

/// <summary>
/// The resolver keeps the span attributes it resolved with a short text, integer or flag value, so one that many spans
/// repeat is resolved and encoded once: the same value must resolve to the same attribute, any other value to its own,
/// and nothing is kept once the export loop rests (<c>QueueReleaseTests</c> checks that on the real loop).
/// </summary>
public sealed class RepeatedAttributeTests
{
    [Fact]
    public async Task A_repeated_key_and_value_resolve_to_one_attribute_and_every_other_value_to_its_own()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using (engine)
        {
            var resolver = new SpanResolver(engine.Settings, engine.Log);
            var values = new object[] { "synthesis", "retrieval", 1, 2, 1L, true, false, "", new string('x', 300) };

            foreach (var value in values)
            {
                var once = Resolve(resolver, value);
                // An equal value made anew (a text built at run time is another string with the same characters).
                var again = Resolve(resolver, value is string text ? new StringBuilder(text).ToString() : value);
                Assert.Equal(Json(once), Json(again));
                if (value is not string { Length: > 256 })
                {
                    Assert.Same(once, again); // kept: resolved and encoded once
                }
            }

            var first = values.Select(value => Resolve(resolver, value)).ToArray();
            Assert.Equal(values.Length, first.Select(Json).Distinct().Count() + 1); // 1 and 1L are written alike
            Assert.Equal(Json(first[2]), Json(first[4]));
        }
    }

    [Fact]
    public async Task Zero_and_negative_zero_are_not_taken_for_each_other()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using (engine)
        {
            var resolver = new SpanResolver(engine.Settings, engine.Log);
            var fresh = new SpanResolver(engine.Settings, engine.Log);

            _ = Resolve(resolver, 0.0);
            Assert.Equal(Json(Resolve(fresh, -0.0)), Json(Resolve(resolver, -0.0)));
        }
    }

    [Fact]
    public async Task Forgetting_lets_go_of_every_kept_attribute()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using (engine)
        {
            var resolver = new SpanResolver(engine.Settings, engine.Log);
            var before = Resolve(resolver, "synthesis");

            resolver.ForgetRepeatedAttributes();

            var after = Resolve(resolver, "synthesis");
            Assert.NotSame(before, after);
            Assert.Equal(Json(before), Json(after));
        }
    }

    private static ResolvedAttribute Resolve(SpanResolver resolver, object value)
    {
        var span = new RecordedSpan { Call = new RecordedCall { Attributes = [new("step", value)] } };
        return Assert.Single(resolver.Resolve(span, new ResolvedSpan()).Attributes);
    }

    private static string Json(ResolvedAttribute attribute) => Encoding.UTF8.GetString(attribute.Json);
}
