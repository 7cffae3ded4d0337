using Tracentic.Testing;

namespace Tracentic.Tests;

public class SmokeTests
{
    [Fact]
    public async Task A_recorded_span_is_exported_with_scope_cost_and_merged_attributes()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) };
            o.GlobalAttributes = new() { ["region"] = "eu", ["team"] = "platform" };
        });
        await using var _ = client;
        var scope = client.Begin("rag", new() { ["region"] = "us" }, correlationId: "order-42");
        var start = DateTimeOffset.UtcNow;
        client.RecordSpan(scope, new TracenticSpan
        {
            StartedAt = start, EndedAt = start.AddMilliseconds(250), Provider = "openai", Model = "gpt-4o",
            InputTokens = 1000, OutputTokens = 500, OperationType = "chat",
        });
        await client.FlushAsync();

        var span = Assert.Single(exporter.Spans);
        Assert.Equal("llm.openai.chat", span.Name);
        Assert.Equal(0.0075, (double)span["llm.cost.total_usd"]!, 10);
        Assert.Equal(1500L, span["llm.usage.total_tokens"]);
        Assert.Equal(250L, span["llm.duration_ms"]);
        Assert.Equal("us", span["region"]);
        Assert.Equal("platform", span["team"]);
        Assert.Equal(scope.Id, span.ScopeId);
        Assert.Equal("order-42", span["tracentic.scope.correlation_id"]);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(scope.Id)), span.TraceId);
    }
}
