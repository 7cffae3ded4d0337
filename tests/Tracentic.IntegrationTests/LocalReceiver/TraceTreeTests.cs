using System.Text.Json.Nodes;
using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;

namespace Tracentic.IntegrationTests.LocalReceiver;

/// <summary>Spans arranged as scopes, child scopes and calls, and the text the receiver prints for them.</summary>
public class TraceTreeTests
{
    private static readonly string A = Otlp.ScopeId('a'), B = Otlp.ScopeId('b'), C = Otlp.ScopeId('c'), D = Otlp.ScopeId('d'), E = Otlp.ScopeId('e');

    private static TraceTree Tree(params JsonObject[] spans) => TraceTree.Build(Otlp.Parse(Otlp.Body("svc", spans)));

    /// <summary>A pipeline with two child scopes, an orphan whose parent sent nothing, and a scopeless call; sent out of order.</summary>
    private static JsonObject[] Pipeline() =>
    [
        Otlp.Span(startMs: 100, attributes: [("region", "eu")]),
        Otlp.Span(startMs: 30, scopeId: C, scopeName: "answer", parentId: A, correlationId: "c-1", startedAtMs: 20, cost: 0.002, attributes: [("region", "eu"), ("prompt", "x")]),
        Otlp.Span(startMs: 5, scopeId: A, scopeName: "pipeline", correlationId: "c-1", cost: 0.001, attributes: [("region", "eu"), ("user_id", "u1")]),
        Otlp.Span(startMs: 12, scopeId: B, scopeName: "retrieve", parentId: A, correlationId: "c-1", startedAtMs: 10, input: null, output: null, error: "slow", attributes: [("region", "eu")]),
        Otlp.Span(startMs: 25, scopeId: C, scopeName: "answer", parentId: A, correlationId: "c-1", startedAtMs: 20, attributes: [("region", "eu")]),
        Otlp.Span(startMs: 55, scopeId: D, scopeName: "worker", parentId: E, startedAtMs: 50, attributes: [("region", "eu")]),
    ];

    [Fact]
    public void Scopes_nest_by_parent_id_and_children_follow_start_order()
    {
        var tree = Tree(Pipeline());

        Assert.Equal(3, tree.Roots.Count);
        var pipeline = Assert.IsType<ScopeNode>(tree.Roots[0]);
        Assert.Equal("pipeline", pipeline.Name);
        Assert.Equal(["llm.openai.chat", "retrieve", "answer"], pipeline.Children.Select(c => c is ScopeNode s ? s.Name : ((SpanNode)c).Span.Name));
        Assert.Equal([25L, 30L], tree.FindScope("answer")!.Spans.Select(s => (s.StartTimeUnixNano / 1_000_000) - 1_700_000_000_000));

        var orphanParent = Assert.IsType<ScopeNode>(tree.Roots[1]);
        Assert.False(orphanParent.IsKnown);
        Assert.Equal(E, orphanParent.Id);
        Assert.Equal("worker", Assert.Single(orphanParent.Scopes).Name);
        Assert.IsType<SpanNode>(tree.Roots[2]);

        Assert.Equal((4, 1, 30L, 15L), (pipeline.Totals.Calls, pipeline.Totals.Errors, pipeline.Totals.InputTokens, pipeline.Totals.OutputTokens));
        Assert.Equal(0.003, pipeline.Totals.CostUsd, 12);
        Assert.Equal(6, tree.Totals.Calls);
        Assert.Equal(50, tree.Totals.InputTokens);
        Assert.Equal(4, tree.ScopeCount);
        Assert.Equal(["svc"], tree.Services);
    }

    [Fact]
    public void Renders_the_tree_with_shared_attributes_once_and_totals_last()
    {
        var text = Tree(Pipeline()).Render();

        Assert.Equal(
            """
            pipeline #aaaaaaaa (4 calls, 1 failed, 45 tokens, $0.003000) correlation=c-1 {region=eu}
            ├─ llm.openai.chat · gpt-4o · 10 in / 5 out tokens · $0.001000 · 10 ms {user_id=u1}
            ├─ retrieve #bbbbbbbb (1 call, 1 failed, 0 tokens, $0.000000)
            │  └─ ✗ llm.openai.chat · gpt-4o · FAILED TimeoutException: slow · 10 ms
            └─ answer #cccccccc (2 calls, 30 tokens, $0.002000)
               ├─ llm.openai.chat · gpt-4o · 10 in / 5 out tokens · no cost · 10 ms
               └─ llm.openai.chat · gpt-4o · 10 in / 5 out tokens · $0.002000 · 10 ms {prompt=x}
            (scope that sent no spans here) #eeeeeeee (1 call, 15 tokens, $0.000000)
            └─ worker #dddddddd (1 call, 15 tokens, $0.000000)
               └─ llm.openai.chat · gpt-4o · 10 in / 5 out tokens · no cost · 10 ms {region=eu}
            llm.openai.chat · gpt-4o · 10 in / 5 out tokens · no cost · 10 ms {region=eu}
            Total: 6 LLM calls in 4 scopes · 1 failed · 75 tokens (50 in / 25 out) · $0.003000

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Renders_in_ascii_without_ids_durations_or_attributes()
    {
        var text = Tree(Pipeline()[1..4]).Render(new TraceTreeRenderOptions { Ascii = true, ShowIds = false, ShowDurations = false, ShowAttributes = false });

        Assert.Equal(
            """
            pipeline (3 calls, 1 failed, 30 tokens, $0.003000) correlation=c-1
            |- llm.openai.chat · gpt-4o · 10 in / 5 out tokens · $0.001000
            |- retrieve (1 call, 1 failed, 0 tokens, $0.000000)
            |  `- x llm.openai.chat · gpt-4o · FAILED TimeoutException: slow
            `- answer (1 call, 15 tokens, $0.002000)
               `- llm.openai.chat · gpt-4o · 10 in / 5 out tokens · $0.002000
            Total: 3 LLM calls in 3 scopes · 1 failed · 30 tokens (20 in / 10 out) · $0.003000

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Shows_the_service_where_it_changes_and_stream_details()
    {
        var gateway = Otlp.Body("gateway", Otlp.Span(scopeId: A, scopeName: "gateway.ask"));
        var stream = Otlp.Span(startMs: 5, scopeId: B, scopeName: "worker.run", parentId: A, startedAtMs: 1, input: null, output: null,
            attributes: [("llm.time_to_first_token_ms", 3.4), ("llm.stream.completed", false)]);
        var worker = Otlp.Body("worker", stream);
        var spans = Otlp.Parse(gateway).Concat(Otlp.Parse(worker));

        var text = TraceTree.Build(spans).Render();

        Assert.Equal(
            """
            gateway.ask #aaaaaaaa (2 calls, 15 tokens, $0.000000) service=gateway
            ├─ llm.openai.chat · gpt-4o · 10 in / 5 out tokens · no cost · 10 ms
            └─ worker.run #bbbbbbbb (1 call, 0 tokens, $0.000000) service=worker
               └─ llm.openai.chat · gpt-4o · no token usage · no cost · stream (abandoned), first token 3 ms · 10 ms
            Total: 2 LLM calls in 2 scopes · 15 tokens (10 in / 5 out) · $0.000000 · services: gateway, worker

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Scopes_whose_parents_loop_still_appear_once()
    {
        var tree = Tree(
            Otlp.Span(scopeId: A, scopeName: "x", parentId: B),
            Otlp.Span(scopeId: B, scopeName: "y", parentId: A),
            Otlp.Span(scopeId: C, scopeName: "self", parentId: C));

        Assert.Equal(["self", "x", "y"], tree.AllScopes().Select(s => s.Name!).Order(StringComparer.Ordinal));
        Assert.Equal(3, tree.Totals.Calls);
        Assert.Contains("Total: 3 LLM calls in 3 scopes", tree.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_receiver_renders_only_the_totals()
    {
        Assert.Equal("Total: 0 LLM calls in 0 scopes · 0 tokens (0 in / 0 out) · $0.000000\n", TraceTree.Build([]).Render());
    }
}
