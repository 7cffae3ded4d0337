using System.Diagnostics;
using Tracentic.OpenTelemetry.Tests.Infrastructure;
using Tracentic.Testing;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>The Tracentic ingest output: a scope tree is one trace; a scope under an activity joins its trace.</summary>
public sealed class TraceIdentityOnTheWireTests
{
    [Fact]
    public async Task Every_span_of_a_scope_tree_carries_the_root_scopes_trace_id()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var engine = Engines.ForIngest(receiver);

        var root = engine.Begin("rag-pipeline");
        var retrieve = root.CreateChild("retrieve");
        var rerank = retrieve.CreateChild("rerank");
        engine.RecordSpan(root, Engines.Chat());
        engine.RecordSpan(retrieve, Engines.Chat());
        using (rerank.Activate())
        {
            var nested = engine.Begin("nested"); // a child through the ambient scope
            engine.RecordSpan(nested, Engines.Chat());
            engine.RecordSpan(Engines.Chat());
        }

        engine.RecordSpan(engine.Begin("other-tree"), Engines.Chat());
        await engine.FlushAsync();

        var spans = await receiver.WaitForSpansAsync(5, TimeSpan.FromSeconds(10));
        var tree = spans.Where(s => s.ScopeName != "other-tree").ToList();
        Assert.Equal(4, tree.Count);
        var rootTrace = root.TraceId; // the receiver reads the ingest's base64 ids as hex
        Assert.All(tree, s => Assert.Equal(rootTrace, s.TraceId));
        Assert.Equal(root.TraceId, root.Id); // a root scope's trace id is its own id
        Assert.NotEqual(rootTrace, Assert.Single(spans, s => s.ScopeName == "other-tree").TraceId);
        Assert.Equal(4, tree.Select(s => s.SpanId).Distinct().Count());
    }

    [Fact]
    public async Task A_scope_begun_under_an_activity_joins_its_trace_without_any_listener()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        var engine = Engines.ForIngest(receiver);
        using var request = new Activity("incoming-request");
        request.SetParentId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Start();

        var scope = engine.Begin("answer");
        engine.RecordSpan(scope, Engines.Chat());
        request.Stop();
        await engine.FlushAsync();

        var span = Assert.Single(await receiver.WaitForSpansAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", scope.TraceId);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId);
    }
}
