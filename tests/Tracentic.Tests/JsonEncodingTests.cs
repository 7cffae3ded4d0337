using System.Text.Json;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>Every kind of attribute value has one defined encoding, and the body is always valid JSON.</summary>
public class JsonEncodingTests
{
    private enum Tier
    {
        Free,
        Gold,
    }

    [Flags]
    private enum Features
    {
        None = 0,
        Tools = 1,
        Vision = 2,
    }

    private sealed class Bomb
    {
        public override string ToString() => throw new InvalidOperationException("boom");
    }

    private sealed class ThrowingSequence : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator()
        {
            yield return 1;
            throw new IOException("enumeration failed");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed record Point(int X, int Y);

    /// <summary>Records one span with <paramref name="value"/> and returns the raw JSON of its "value" object.</summary>
    private static async Task<(string? RawValue, ReceivedSpan Span)> EncodeAsync(object? value, Action<TracenticOptions>? configure = null)
    {
        var (client, exporter) = InMemoryExporter.CreateClient(configure);
        await using (client)
        {
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["v"] = value, ["after"] = "ok" }));
            await client.FlushAsync();
        }

        var body = Assert.Single(exporter.Bodies);
        AssertNoRawControlBytes(body);
        using var json = JsonDocument.Parse(body);
        var attribute = json.RootElement.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0]
            .GetProperty("attributes").EnumerateArray().Where(a => a.GetProperty("key").GetString() == "v").ToList();
        var span = Assert.Single(exporter.Spans);
        Assert.Equal("ok", span["after"]); // a bad value never costs the rest of the span
        return (attribute.Count == 0 ? null : Assert.Single(attribute).GetProperty("value").GetRawText(), span);
    }

    private static void AssertNoRawControlBytes(byte[] body) => Assert.DoesNotContain(body, b => b < 0x20);

    [Theory]
    [InlineData(double.NaN, """{"doubleValue":"NaN"}""")]
    [InlineData(double.PositiveInfinity, """{"doubleValue":"Infinity"}""")]
    [InlineData(double.NegativeInfinity, """{"doubleValue":"-Infinity"}""")]
    [InlineData(1.5, """{"doubleValue":1.5}""")]
    [InlineData(-0.001, """{"doubleValue":-0.001}""")]
    [InlineData(1e300, """{"doubleValue":1E+300}""")]
    public async Task Doubles_including_NaN_and_infinities_use_the_protobuf_JSON_spelling(double value, string expected)
    {
        Assert.Equal(expected, (await EncodeAsync(value)).RawValue);
    }

    [Fact]
    public async Task Floats_and_decimals_are_doubles()
    {
        Assert.Equal("""{"doubleValue":"NaN"}""", (await EncodeAsync(float.NaN)).RawValue);
        Assert.Equal("""{"doubleValue":"-Infinity"}""", (await EncodeAsync(float.NegativeInfinity)).RawValue);
        Assert.Equal("""{"doubleValue":0.5}""", (await EncodeAsync(0.5f)).RawValue);
        Assert.Equal("""{"doubleValue":12.75}""", (await EncodeAsync(12.75m)).RawValue);
        Assert.Equal(79228162514264337593543950335d, (await EncodeAsync(decimal.MaxValue)).Span["v"]);
    }

    [Fact]
    public async Task Integers_of_every_width_are_intValue_decimal_strings()
    {
        Assert.Equal("""{"intValue":"42"}""", (await EncodeAsync(42)).RawValue);
        Assert.Equal("""{"intValue":"-9223372036854775808"}""", (await EncodeAsync(long.MinValue)).RawValue);
        Assert.Equal("""{"intValue":"9223372036854775807"}""", (await EncodeAsync(long.MaxValue)).RawValue);
        Assert.Equal("""{"intValue":"255"}""", (await EncodeAsync((byte)255)).RawValue);
        Assert.Equal("""{"intValue":"-8"}""", (await EncodeAsync((sbyte)-8)).RawValue);
        Assert.Equal("""{"intValue":"65535"}""", (await EncodeAsync(ushort.MaxValue)).RawValue);
        Assert.Equal("""{"intValue":"4294967295"}""", (await EncodeAsync(uint.MaxValue)).RawValue);
        Assert.Equal("""{"intValue":"-3"}""", (await EncodeAsync((short)-3)).RawValue);
        // Beyond long.MaxValue an OTLP int cannot hold it: every digit is kept as a string.
        Assert.Equal("""{"stringValue":"18446744073709551615"}""", (await EncodeAsync(ulong.MaxValue)).RawValue);
    }

    [Fact]
    public async Task Booleans_chars_and_strings()
    {
        Assert.Equal("""{"boolValue":true}""", (await EncodeAsync(true)).RawValue);
        Assert.Equal("""{"stringValue":"x"}""", (await EncodeAsync('x')).RawValue);
        Assert.Equal("""{"stringValue":""}""", (await EncodeAsync("")).RawValue);
        Assert.Equal("\u00fcber \u6f22\u5b57 \U0001F600", (await EncodeAsync("\u00fcber \u6f22\u5b57 \U0001F600")).Span["v"]);
    }

    [Fact]
    public async Task Lone_surrogates_become_the_replacement_character()
    {
        // Not [InlineData]: xunit's serialization of theory data would mangle lone surrogates before the test sees them.
        (string Value, string Expected)[] cases =
        [
            ("a\uD800b", "a\uFFFDb"),
            ("\uDC00", "\uFFFD"),
            ("end\uD83D", "end\uFFFD"),
            ("\uDE00\uD83D", "\uFFFD\uFFFD"), // low before high is not a pair
            ("ok\U0001F600", "ok\U0001F600"),
        ];

        foreach (var (value, expected) in cases)
        {
            Assert.Equal(expected, (await EncodeAsync(value)).Span["v"]);
        }
    }

    [Fact]
    public async Task Lone_surrogates_in_keys_become_the_replacement_character()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using (client)
        {
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["k\uD800"] = 1 }));
            await client.FlushAsync();
        }

        Assert.Equal(1L, Assert.Single(exporter.Spans)["k\uFFFD"]);
    }

    [Fact]
    public async Task Control_characters_are_escaped_and_come_back_unchanged()
    {
        var value = "nul\0 bell\a tab\t newline\n cr\r esc\u001b del\u007f quote\" backslash\\ ls\u2028";

        var (raw, span) = await EncodeAsync(value);

        Assert.Equal(value, span["v"]);
        Assert.Contains(@"\u0000", raw);
        Assert.Contains(@"\n", raw);
    }

    [Fact]
    public async Task Huge_strings_are_truncated_to_the_value_limit()
    {
        Assert.Equal(new string('x', 4096), (await EncodeAsync(new string('x', 1_000_000))).Span["v"]);
        Assert.Equal("abc", (await EncodeAsync(new string('a', 1) + "bcdef", o => o.AttributeLimits = new() { MaxStringValueLength = 3 })).Span["v"]);
    }

    [Fact]
    public async Task Sequences_are_arrayValue_with_null_elements_as_empty_values()
    {
        var (raw, span) = await EncodeAsync(new object?[] { 1, "two", true, null, 2.5 });

        Assert.Equal(
            """{"arrayValue":{"values":[{"intValue":"1"},{"stringValue":"two"},{"boolValue":true},{},{"doubleValue":2.5}]}}""",
            raw);
        Assert.Equal([1L, "two", true, null, 2.5], (List<object?>)span["v"]!);
        Assert.Equal([10L, 20L], (List<object?>)(await EncodeAsync(new List<int> { 10, 20 })).Span["v"]!);
        Assert.Equal(["a", "b"], (List<object?>)(await EncodeAsync(new HashSet<string> { "a", "b" })).Span["v"]!);
        Assert.Empty((List<object?>)(await EncodeAsync(Array.Empty<string>())).Span["v"]!);
    }

    [Fact]
    public async Task Long_sequences_are_capped_at_the_attribute_count_limit_and_their_strings_truncated()
    {
        var (_, span) = await EncodeAsync(Enumerable.Range(0, 1000).Select(i => "x").ToArray());
        Assert.Equal(128, ((List<object?>)span["v"]!).Count);

        // Long strings: each cut to the value limit, and the whole value to its character budget.
        (_, span) = await EncodeAsync(Enumerable.Range(0, 1000).Select(i => new string('x', 5000)).ToArray());
        var items = (List<object?>)span["v"]!;
        Assert.Equal(Tracentic.Export.AttributeValue.MaxChars / 4096, items.Count);
        Assert.All(items, item => Assert.Equal(4096, ((string)item!).Length));
    }

    [Fact]
    public async Task String_keyed_dictionaries_are_kvlistValue()
    {
        var (raw, span) = await EncodeAsync(new Dictionary<string, object?> { ["model"] = "gpt-4o", ["n"] = 2, ["skip"] = null });

        Assert.Equal("""{"kvlistValue":{"values":[{"key":"model","value":{"stringValue":"gpt-4o"}},{"key":"n","value":{"intValue":"2"}}]}}""", raw);
        Assert.Equal(new Dictionary<string, object?> { ["model"] = "gpt-4o", ["n"] = 2L }, (IReadOnlyDictionary<string, object?>)span["v"]!);
    }

    [Fact]
    public async Task Typed_dictionaries_are_kvlistValue_too()
    {
        var ints = (await EncodeAsync(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 })).Span["v"];
        var byEnum = (await EncodeAsync(new SortedDictionary<Tier, double> { [Tier.Gold] = 0.5 })).Span["v"];

        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 2L }, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(ints));
        Assert.Equal(new Dictionary<string, object?> { ["Gold"] = 0.5 }, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(byEnum));
    }

    [Fact]
    public async Task Nesting_is_kept_to_a_bounded_depth_and_a_self_containing_list_terminates()
    {
        var nested = new Dictionary<string, object?> { ["list"] = new object[] { new Dictionary<string, object?> { ["deep"] = 1 } } };
        var cyclic = new List<object>();
        cyclic.Add(cyclic);

        var (_, span) = await EncodeAsync(nested);
        var (_, cyclicSpan) = await EncodeAsync(cyclic);

        var list = (List<object?>)((IReadOnlyDictionary<string, object?>)span["v"]!)["list"]!;
        Assert.Equal(1L, ((IReadOnlyDictionary<string, object?>)list[0]!)["deep"]);
        var level = cyclicSpan["v"];
        var depth = 0;
        while (level is List<object?> inner)
        {
            level = Assert.Single(inner);
            depth++;
        }

        Assert.Equal(4, depth);
        Assert.IsType<string>(level); // below the depth limit a value is written as its text
    }

    [Fact]
    public async Task Enums_are_written_by_name()
    {
        Assert.Equal("""{"stringValue":"Gold"}""", (await EncodeAsync(Tier.Gold)).RawValue);
        Assert.Equal("""{"stringValue":"Tools, Vision"}""", (await EncodeAsync(Features.Tools | Features.Vision)).RawValue);
        Assert.Equal("""{"stringValue":"7"}""", (await EncodeAsync((Tier)7)).RawValue);
    }

    [Fact]
    public async Task Dates_are_ISO_8601_strings_in_UTC()
    {
        var local = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);

        Assert.Equal("""{"stringValue":"2025-01-02T01:04:05.1234567Z"}""", (await EncodeAsync(local)).RawValue);
        Assert.Equal("""{"stringValue":"2025-01-02T01:04:05.0000000Z"}""", (await EncodeAsync(new DateTime(2025, 1, 2, 1, 4, 5, DateTimeKind.Utc))).RawValue);
        Assert.Equal("""{"stringValue":"00:01:30"}""", (await EncodeAsync(TimeSpan.FromSeconds(90))).RawValue);
        var parsed = DateTimeOffset.Parse((string)(await EncodeAsync(local)).Span["v"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(local, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public async Task Other_objects_are_written_as_their_invariant_text()
    {
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", (await EncodeAsync(guid)).Span["v"]);
        Assert.Equal("Point { X = 1, Y = 2 }", (await EncodeAsync(new Point(1, 2))).Span["v"]);
        Assert.Equal("https://example.com/a", (await EncodeAsync(new Uri("https://example.com/a"))).Span["v"]);
    }

    [Fact]
    public async Task A_null_value_omits_the_attribute()
    {
        Assert.Null((await EncodeAsync(null)).RawValue);
    }

    [Fact]
    public async Task A_value_whose_ToString_or_enumerator_throws_is_written_as_a_marker_and_the_span_is_still_exported()
    {
        Assert.Equal("<unserializable Bomb: InvalidOperationException>", (await EncodeAsync(new Bomb())).Span["v"]);
        Assert.Equal("<unserializable ThrowingSequence: IOException>", (await EncodeAsync(new ThrowingSequence())).Span["v"]);
        Assert.Equal("<unserializable Bomb: InvalidOperationException>", ((List<object?>)(await EncodeAsync(new object[] { new Bomb() })).Span["v"]!)[0]);
    }

    [Fact]
    public async Task Bad_text_in_every_field_the_SDK_writes_still_gives_valid_JSON()
    {
        var bad = "x\uD800\0" + new string('y', 5000);
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { [bad] = bad });
        await using (client)
        {
            var scope = client.Begin(bad, new() { [bad] = bad }, correlationId: bad, parentScopeId: bad);
            using (TracenticRequestContext.Enter(new Dictionary<string, object?> { [bad + "r"] = bad }))
            {
                client.RecordError(scope, TestClients.Span(provider: bad, model: bad, operationType: bad, attributes: new() { [bad + "s"] = bad }), new Exception(bad));
            }

            await client.FlushAsync();
        }

        var body = Assert.Single(exporter.Bodies);
        AssertNoRawControlBytes(body);
        var span = Assert.Single(exporter.Spans);
        Assert.All(span.Attributes.Keys, k => Assert.True(k.Length <= 256));
        Assert.All(span.Attributes.Values.OfType<string>(), v => Assert.True(v.Length <= 4096));
        Assert.Equal("x\uFFFD\0" + new string('y', 4093), span.ScopeName);
        Assert.Equal("x\uFFFD\0" + new string('y', 4093), span.StatusMessage);
        Assert.StartsWith("llm.x\uFFFD\0", span.Name);
        Assert.DoesNotContain('\uD800', span.Name);
        Assert.Equal(4096, span.Name.Length); // provider and operation are each at most 4096: the name too
    }

    [Fact]
    public async Task Hostile_values_arrive_at_a_real_server_as_valid_JSON()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        await using var client = TestClients.ForReceiver(receiver);

        client.RecordSpan(null, TestClients.Span(attributes: new()
        {
            ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["lone"] = "\uDBFF", ["ctl"] = "\u0001\u001f",
            ["huge"] = new string('h', 100_000), ["bomb"] = new Bomb(), ["list"] = new[] { 1.0, double.NegativeInfinity },
        }));
        await client.FlushAsync();

        var span = Assert.Single(await receiver.WaitForSpansAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(double.NaN, span["nan"]); // "NaN" on the wire
        Assert.Equal(double.PositiveInfinity, span["inf"]);
        Assert.Equal("\uFFFD", span["lone"]);
        Assert.Equal("\u0001\u001f", span["ctl"]);
        Assert.Equal(4096, ((string)span["huge"]!).Length);
        Assert.Equal("<unserializable Bomb: InvalidOperationException>", span["bomb"]);
        Assert.Equal([1.0, double.NegativeInfinity], (List<object?>)span["list"]!);
    }

    [Fact]
    public async Task Keys_inside_a_key_value_list_are_truncated_by_the_key_limit_not_the_value_limit()
    {
        var (_, span) = await EncodeAsync(
            new Dictionary<string, object?> { [new string('k', 40)] = new string('v', 40) },
            o => o.AttributeLimits = new AttributeLimits { MaxKeyLength = 10, MaxStringValueLength = 30 });

        var entry = Assert.Single((IReadOnlyDictionary<string, object?>)span["v"]!);
        Assert.Equal((new string('k', 10), (object?)new string('v', 30)), (entry.Key, entry.Value));
    }

    [Fact]
    public async Task The_body_is_canonical_JSON_exactly_as_Utf8JsonWriter_would_write_it()
    {
        // The writer builds the body from bytes, not with Utf8JsonWriter: re-serializing the parsed body with the
        // same encoder must give back the very same bytes (escaping, spacing, structure).
        string[] texts = ["plain", "quote \" back\\slash", "tab\tnew\nline\u0001", "caf\u00e9 \u65e5\u672c \U0001F600", "<html>&'", "\u2028\u2029\u007f", "lone \uD800 high"];
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { ["g\u00e9"] = texts[3] });
        await using (client)
        {
            var scope = client.Begin(texts[1], new() { [texts[2]] = texts[4], ["n"] = new object?[] { 1.5, -7L, true, null, texts[5] } }, correlationId: texts[6]);
            foreach (var text in texts)
            {
                client.RecordSpan(scope, TestClients.Span(provider: text, model: text, operationType: text, attributes: new() { [text] = text, ["d"] = 1e-7, ["m"] = new Dictionary<string, object?> { [text] = 0.1 + 0.2 } }));
                client.RecordError(null, TestClients.Span(provider: text), new Exception(text));
            }

            await client.FlushAsync();
        }

        var body = Assert.Single(exporter.Bodies);
        using var document = JsonDocument.Parse(body);
        var rewritten = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(rewritten, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(rewritten.WrittenSpan), System.Text.Encoding.UTF8.GetString(body));
    }
}
