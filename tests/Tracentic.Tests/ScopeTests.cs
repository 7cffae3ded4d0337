using System.Text.RegularExpressions;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

public class ScopeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Begin_creates_a_root_scope_with_name_correlation_id_attributes_and_clock_start_time()
    {
        var clock = new ManualTimeProvider(T0);
        var (client, _) = InMemoryExporter.CreateClient(o => o.TimeProvider = clock);
        await using var _c = client;

        var scope = client.Begin("rag-pipeline", new() { ["user_id"] = "u-1" }, correlationId: "order-42");

        Assert.Equal("rag-pipeline", scope.Name);
        Assert.Null(scope.ParentId);
        Assert.Equal("order-42", scope.CorrelationId);
        Assert.Equal(T0, scope.StartedAt);
        Assert.Equal("u-1", Assert.Single(scope.Attributes).Value);
    }

    [Fact]
    public async Task Scope_ids_are_32_lowercase_hex_characters_and_unique()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var ids = new HashSet<string>();
        var root = client.Begin("root");
        for (var i = 0; i < 5_000; i++)
        {
            var scope = i % 2 == 0 ? client.Begin("s") : root.CreateChild("c");
            Assert.Matches(new Regex("^[0-9a-f]{32}$"), scope.Id);
            Assert.True(ids.Add(scope.Id), $"duplicate scope id {scope.Id}");
        }

        Assert.Same(root.Id, root.Id); // formatted once
    }

    [Fact]
    public async Task CreateChild_links_the_parent_and_inherits_the_correlation_id_unless_given_one()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var parent = client.Begin("pipeline", new() { ["strategy"] = "parent" }, correlationId: "order-42");

        var child = parent.CreateChild("synthesis", new() { ["strategy"] = "hybrid" });
        var grandchild = child.CreateChild("rerank", correlationId: "other");

        Assert.Equal(parent.Id, child.ParentId);
        Assert.Equal("order-42", child.CorrelationId);
        Assert.Equal("hybrid", child.Attributes["strategy"]);
        Assert.Equal(child.Id, grandchild.ParentId);
        Assert.Equal("other", grandchild.CorrelationId);
        Assert.Empty(grandchild.Attributes); // a child carries its own attributes only
        Assert.NotEqual(parent.Id, child.Id);
    }

    [Fact]
    public void Activate_sets_the_ambient_scope_and_dispose_restores_the_previous_one()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        var outer = client.Begin("outer");
        var inner = client.Begin("inner");
        Assert.Null(TracenticScope.Current);

        using (outer.Activate())
        {
            Assert.Same(outer, TracenticScope.Current);
            using (inner.Activate())
            {
                Assert.Same(inner, TracenticScope.Current);
            }

            Assert.Same(outer, TracenticScope.Current);
        }

        Assert.Null(TracenticScope.Current);
    }

    [Fact]
    public async Task The_ambient_scope_flows_into_awaited_work_and_changes_made_there_do_not_leak_back()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var outer = client.Begin("outer");
        using var _a = outer.Activate();

        var seenInside = await Task.Run(async () =>
        {
            await Task.Yield();
            var seen = TracenticScope.Current;
            client.Begin("inside").Activate(); // never disposed: must stay inside this flow
            return seen;
        });

        Assert.Same(outer, seenInside);
        Assert.Same(outer, TracenticScope.Current);
    }

    [Fact]
    public async Task Begin_nests_under_the_ambient_scope_and_inherits_its_correlation_id()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var outer = client.Begin("outer", correlationId: "ticket-7");
        using var _a = outer.Activate();

        var nested = client.Begin("nested");
        var own = client.Begin("own", correlationId: "mine");

        Assert.Equal(outer.Id, nested.ParentId);
        Assert.Equal("ticket-7", nested.CorrelationId);
        Assert.Equal(outer.Id, own.ParentId);
        Assert.Equal("mine", own.CorrelationId);
    }

    [Fact]
    public async Task An_explicit_parent_scope_id_wins_over_the_ambient_scope()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        using var _a = client.Begin("outer", correlationId: "ambient").Activate();

        var linked = client.Begin("worker", parentScopeId: "0123456789abcdef0123456789abcdef");

        Assert.Equal("0123456789abcdef0123456789abcdef", linked.ParentId);
        Assert.Null(linked.CorrelationId);
    }

    [Fact]
    public async Task Without_an_ambient_scope_a_root_scope_takes_the_request_context_parent_id()
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;
        using (TracenticRequestContext.Enter(parentScopeId: "feedfacefeedfacefeedfacefeedface"))
        {
            Assert.Equal("feedfacefeedfacefeedfacefeedface", client.Begin("handler").ParentId);
        }

        Assert.Null(client.Begin("after").ParentId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_scope_without_a_name_is_a_programmer_error_with_a_helpful_message(string? name)
    {
        var (client, _) = InMemoryExporter.CreateClient();
        await using var _c = client;

        var begin = Assert.Throws<ArgumentException>(() => client.Begin(name!));
        var child = Assert.Throws<ArgumentException>(() => client.Begin("ok").CreateChild(name!));

        Assert.Contains("Begin(\"rag-pipeline\")", begin.Message);
        Assert.Equal("name", child.ParamName);
    }

    [Fact]
    public async Task Scope_attributes_are_a_read_only_copy_taken_at_creation()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var attributes = new Dictionary<string, object?> { ["tier"] = "gold" };
        var scope = client.Begin("s", attributes);
        var child = scope.CreateChild("c", attributes);

        attributes["tier"] = "changed";
        attributes["added"] = 1;
        client.RecordSpan(scope, TestClients.Span());
        await client.FlushAsync();

        Assert.Equal("gold", scope.Attributes["tier"]);
        Assert.Equal("gold", child.Attributes["tier"]);
        Assert.False(scope.Attributes.ContainsKey("added"));
        var asDictionary = Assert.IsAssignableFrom<IDictionary<string, object?>>(scope.Attributes);
        Assert.Throws<NotSupportedException>(() => asDictionary["tier"] = "hacked");
        var span = Assert.Single(exporter.Spans);
        Assert.Equal("gold", span["tier"]);
        Assert.Null(span["added"]);
    }

    [Fact]
    public async Task A_recorded_span_is_a_copy_so_the_caller_may_reuse_its_span_and_dictionary()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var attributes = new Dictionary<string, object?> { ["step"] = 1 };
        var span = TestClients.Span(model: "first", attributes: attributes);

        client.RecordSpan(null, span);
        span.Model = "second";
        attributes["step"] = 2;
        attributes["extra"] = true;
        client.RecordSpan(null, span);
        await client.FlushAsync();

        Assert.Collection(exporter.Spans,
            first =>
            {
                Assert.Equal("first", first["llm.request.model"]);
                Assert.Equal(1L, first["step"]);
                Assert.Null(first["extra"]);
            },
            second =>
            {
                Assert.Equal("second", second["llm.request.model"]);
                Assert.Equal(2L, second["step"]);
                Assert.Equal(true, second["extra"]);
            });
    }

    [Fact]
    public async Task Spans_carry_the_scope_id_name_start_parent_and_correlation_id()
    {
        var clock = new ManualTimeProvider(T0);
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.TimeProvider = clock);
        await using var _c = client;
        var parent = client.Begin("pipeline", correlationId: "order-42");
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        var child = parent.CreateChild("synthesis");

        client.RecordSpan(child, TestClients.Span());
        client.RecordSpan(parent, TestClients.Span());
        client.RecordSpan(null, TestClients.Span());
        var flush = client.FlushAsync();
        await flush;

        var spans = exporter.Spans;
        Assert.Equal(child.Id, spans[0].ScopeId);
        Assert.Equal("synthesis", spans[0].ScopeName);
        Assert.Equal(parent.Id, spans[0].ScopeParentId);
        Assert.Equal("order-42", spans[0]["tracentic.scope.correlation_id"]);
        Assert.Equal("2025-03-01T12:00:01.500000+00:00", spans[0]["tracentic.scope.started_at"]);
        Assert.Equal(parent.Id, spans[1].ScopeId);
        Assert.Null(spans[1].ScopeParentId);
        Assert.Equal("2025-03-01T12:00:00+00:00", spans[1]["tracentic.scope.started_at"]);
        Assert.DoesNotContain(spans[2].Attributes.Keys, k => k.StartsWith("tracentic.scope.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordSpan_without_a_scope_argument_uses_the_ambient_scope()
    {
        var (client, exporter) = InMemoryExporter.CreateClient();
        await using var _c = client;
        var scope = client.Begin("ambient");

        using (scope.Activate())
        {
            client.RecordSpan(TestClients.Span());
            client.RecordError(TestClients.Span(), new TimeoutException("slow"));
        }

        client.RecordSpan(TestClients.Span());
        await client.FlushAsync();

        Assert.Equal([scope.Id, scope.Id, null], exporter.Spans.Select(s => s.ScopeId));
    }

    [Fact]
    public void The_cross_service_header_name_is_the_one_all_Tracentic_SDKs_use()
    {
        Assert.Equal("x-tracentic-scope-id", TracenticHeaders.Scope);
        Assert.Equal(TracenticHeaders.Scope, TracenticHeaders.ScopeId);
    }
}
