using Microsoft.Extensions.Logging;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>Merging of span, scope, request and options attributes, and the attribute limits (see also GlobalContextTests).</summary>
public class AttributeMergerTests
{
    private static readonly HashSet<string> BuiltInKeys =
    [
        "llm.provider", "llm.request.model", "llm.request.type", "llm.usage.input_tokens", "llm.usage.output_tokens",
        "llm.usage.total_tokens", "llm.duration_ms", "llm.cost.total_usd", "llm.error.type", "tracentic.scope.id",
        "tracentic.scope.name", "tracentic.scope.started_at", "tracentic.scope.parent_id", "tracentic.scope.correlation_id",
    ];

    private static Dictionary<string, object?> UserAttributes(ReceivedSpan span) =>
        span.Attributes.Where(kv => !BuiltInKeys.Contains(kv.Key)).ToDictionary();

    [Fact]
    public async Task Span_attributes_override_scope_which_override_request_which_override_options()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new()
        {
            ["k"] = "options", ["region"] = "us-east-1", ["version"] = "2.1.0",
        });
        await using var _c = client;
        var scope = client.Begin("s", new() { ["k"] = "scope", ["region"] = "us-west-2" });

        using (TracenticRequestContext.Enter(new Dictionary<string, object?> { ["k"] = "request", ["tenant"] = "acme" }))
        {
            client.RecordSpan(scope, TestClients.Span(attributes: new() { ["k"] = "span" }));
            client.RecordSpan(scope, TestClients.Span());
            client.RecordSpan(null, TestClients.Span());
        }

        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        var spans = exporter.Spans;
        Assert.Equal(["span", "scope", "request", "options"], spans.Select(s => s["k"]));
        Assert.Equal(["us-west-2", "us-west-2", "us-east-1", "us-east-1"], spans.Select(s => s["region"]));
        Assert.Equal(["acme", "acme", "acme", null], spans.Select(s => s["tenant"]));
        Assert.All(spans, s => Assert.Equal("2.1.0", s["version"]));
    }

    [Fact]
    public async Task A_null_value_omits_the_attribute_and_hides_it_in_every_lower_layer()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { ["a"] = "options", ["b"] = "options", ["c"] = "options" });
        await using var _c = client;
        var scope = client.Begin("s", new() { ["b"] = null, ["c"] = "scope" });

        using (TracenticRequestContext.Enter(new Dictionary<string, object?> { ["a"] = null }))
        {
            client.RecordSpan(scope, TestClients.Span(attributes: new() { ["c"] = null, ["d"] = null }));
        }

        await client.FlushAsync();

        Assert.Empty(UserAttributes(Assert.Single(exporter.Spans)));
    }

    [Fact]
    public async Task Request_attributes_flow_with_the_request_only()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using var _c = client;

        var requests = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var _ = TracenticRequestContext.Enter(new Dictionary<string, object?> { ["request"] = i });
            await Task.Yield();
            client.RecordSpan(null, TestClients.Span(attributes: new() { ["expected"] = i }));
        }));
        await Task.WhenAll(requests);
        client.RecordSpan(null, TestClients.Span());
        await client.FlushAsync();

        var spans = exporter.Spans;
        Assert.Equal(21, spans.Count);
        Assert.All(spans.Where(s => s["expected"] is not null), s => Assert.Equal(s["expected"], s["request"]));
        Assert.Single(spans, s => s["request"] is null);
    }

    [Fact]
    public async Task Long_keys_and_string_values_are_truncated_to_the_limits()
    {
        var span = await TestClients.ExportOneAsync(TestClients.Span(attributes: new()
        {
            [new string('k', 300)] = "v",
            ["long"] = new string('x', 10_000),
            ["short"] = "fits",
        }));

        Assert.Equal("v", span[new string('k', 256)]);
        Assert.Equal(new string('x', 4096), span["long"]);
        Assert.Equal("fits", span["short"]);
    }

    [Fact]
    public async Task Lowered_limits_apply_to_every_layer()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.AttributeLimits = new AttributeLimits { MaxKeyLength = 5, MaxStringValueLength = 3 };
            o.GlobalAttributes = new() { ["global-key"] = "global-value" };
        });
        await using var _c = client;
        var scope = client.Begin("s", new() { ["scope-key"] = "scope-value" });

        client.RecordSpan(scope, TestClients.Span(attributes: new() { ["span-key"] = "span-value" }));
        await client.FlushAsync();

        var user = UserAttributes(Assert.Single(exporter.Spans));
        Assert.Equal(new Dictionary<string, object?> { ["globa"] = "glo", ["scope"] = "sco", ["span-"] = "spa" }, user);
    }

    [Fact]
    public async Task Built_in_attributes_and_the_status_message_are_never_cut_by_user_limits()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
            o.AttributeLimits = new AttributeLimits { MaxKeyLength = 2, MaxStringValueLength = 3, MaxAttributeCount = 1 });
        await using var _c = client;
        var parent = client.Begin("parent-scope");
        var scope = client.Begin("a-long-scope-name", correlationId: "order-123456", parentScopeId: parent.Id);
        var message = new string('m', 1000);

        client.RecordError(scope, TestClients.Span(model: "claude-sonnet-4-20250514", provider: "anthropic", attributes: new() { ["user"] = "value", ["other"] = 1 }), new InvalidOperationException(message));
        await client.FlushAsync();

        var span = Assert.Single(exporter.Spans);
        Assert.Equal(scope.Id, span.ScopeId);
        Assert.Equal(parent.Id, span.ScopeParentId);
        Assert.Equal("a-long-scope-name", span.ScopeName);
        Assert.Equal("order-123456", span["tracentic.scope.correlation_id"]);
        Assert.Equal(Tracentic.Export.PythonIsoTimestamp.Format(scope.StartedAt), span["tracentic.scope.started_at"]);
        Assert.Equal("claude-sonnet-4-20250514", span["llm.request.model"]);
        Assert.Equal("anthropic", span["llm.provider"]);
        Assert.Equal("InvalidOperationException", span["llm.error.type"]);
        Assert.Equal(message, span.StatusMessage);
        Assert.Equal(new Dictionary<string, object?> { ["us"] = "val" }, UserAttributes(span)); // the user's own: cut, and capped at 1
    }

    [Fact]
    public async Task Truncation_never_splits_a_surrogate_pair()
    {
        var emoji = "\U0001F600"; // two UTF-16 chars
        var value = "a" + string.Concat(Enumerable.Repeat(emoji, 3000)); // the limit (4096) falls inside a pair
        var key = "k" + string.Concat(Enumerable.Repeat(emoji, 200));     // the key limit (256) falls inside a pair

        var span = await TestClients.ExportOneAsync(TestClients.Span(attributes: new() { [key] = value }));

        var (exportedKey, exportedValue) = Assert.Single(UserAttributes(span));
        Assert.Equal(key[..255], exportedKey);
        Assert.Equal(value[..4095], exportedValue);
        Assert.DoesNotContain('\uFFFD', exportedKey);
        Assert.DoesNotContain('\uFFFD', (string)exportedValue!);
        Assert.EndsWith(emoji, (string)exportedValue!);
    }

    [Fact]
    public async Task Keys_that_become_equal_after_truncation_keep_the_higher_layer_value()
    {
        var prefix = new string('p', 256);
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { [prefix + "global"] = "options" });
        await using var _c = client;

        client.RecordSpan(null, TestClients.Span(attributes: new() { [prefix + "span"] = "span" }));
        await client.FlushAsync();

        Assert.Equal("span", Assert.Single(UserAttributes(Assert.Single(exporter.Spans))).Value);
    }

    [Fact]
    public async Task At_the_count_cap_the_lowest_priority_layer_loses_and_a_warning_says_so_once()
    {
        var log = new CapturingLoggerProvider();
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.AttributeLimits = new AttributeLimits { MaxAttributeCount = 4 };
            o.GlobalAttributes = new() { ["g1"] = 1, ["g2"] = 2 };
            o.LoggerFactory = log.CreateFactory();
        });
        await using var _c = client;
        var scope = client.Begin("s", new() { ["s1"] = 1, ["s2"] = 2 });

        using (TracenticRequestContext.Enter(new Dictionary<string, object?> { ["r1"] = 1 }))
        {
            client.RecordSpan(scope, TestClients.Span(attributes: new() { ["p1"] = 1, ["p2"] = 2, ["hidden"] = null }));
            client.RecordSpan(scope, TestClients.Span(attributes: new() { ["p1"] = 1 }));
        }

        client.RecordSpan(null, TestClients.Span(attributes: new() { ["p1"] = 1 }));
        await client.FlushAsync();

        var spans = exporter.Spans;
        Assert.Equal(["p1", "p2", "s1", "s2"], UserAttributes(spans[0]).Keys.Order());
        Assert.Equal(["p1", "r1", "s1", "s2"], UserAttributes(spans[1]).Keys.Order());
        Assert.Equal(["g1", "g2", "p1"], UserAttributes(spans[2]).Keys.Order());
        Assert.All(spans, s => Assert.Equal("openai", s["llm.provider"])); // built-ins never count against the cap
        Assert.Single(log.Warnings, m => m.Contains("more than 4 attributes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_default_cap_is_128_user_attributes()
    {
        var many = Enumerable.Range(0, 200).ToDictionary(i => $"a{i:000}", i => (object?)i);

        var span = await TestClients.ExportOneAsync(TestClients.Span(attributes: many));

        var user = UserAttributes(span);
        Assert.Equal(128, user.Count);
        Assert.Equal(BuiltInKeys.Count(k => span.Attributes.ContainsKey(k)) + 128, span.Attributes.Count);
    }

    [Fact]
    public async Task A_user_attribute_named_like_a_built_in_is_dropped_not_duplicated()
    {
        var log = new CapturingLoggerProvider();
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.LoggerFactory = log.CreateFactory();
            o.GlobalAttributes = new() { ["tracentic.scope.id"] = "forged" };
        });
        await using var _c = client;

        client.RecordSpan(null, TestClients.Span(attributes: new() { ["llm.provider"] = "forged", ["llm.cost.total_usd"] = 1e9 }));
        await client.FlushAsync();

        var span = Assert.Single(exporter.Spans); // the parser rejects a key that appears twice
        Assert.Equal("openai", span["llm.provider"]);
        Assert.Null(span["llm.cost.total_usd"]); // gpt-4o has no pricing here
        Assert.Null(span.ScopeId);
        Assert.Contains(log.Warnings, m => m.Contains("'llm.provider' is written by Tracentic itself", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Level > LogLevel.Warning);
    }
}
