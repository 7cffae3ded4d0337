using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests.Aspire;

/// <summary>
/// The engine's standard OTLP output, with no OpenTelemetry SDK anywhere, pointed at the real Aspire dashboard:
/// every scope and LLM span arrives with its parent links and attributes, read back through the dashboard's API.
/// </summary>
[Trait("Category", "Slow")] // the Aspire dashboard as a child process: left out of the fast loop (README, "Running the tests")
public sealed class StandardOtlpToAspireTests
{
    [Fact]
    public async Task Every_scope_and_llm_span_arrives_with_parent_links_and_attributes()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        var engine = Engines.Create(o =>
        {
            o.ServiceName = "rag-api";
            o.Otlp = new OtlpOutputOptions { Endpoint = dashboard.OtlpUrl };
        });

        var root = engine.Begin("rag-pipeline", new() { ["user_id"] = "user-ada" }, correlationId: "q-1001");
        var retrieve = root.CreateChild("retrieve");
        engine.RecordSpan(retrieve, new TracenticSpan
        {
            StartedAt = Engines.T0,
            EndedAt = Engines.T0.AddMilliseconds(40),
            Provider = "openai",
            Model = "text-embedding-3-small",
            OperationType = "embedding",
            InputTokens = 6,
        });
        retrieve.End();
        var answer = root.CreateChild("answer");
        engine.RecordError(answer, Engines.Chat(model: "gpt-4o-mini"), new HttpRequestException("429 Too Many Requests"));
        engine.RecordSpan(answer, Engines.Chat());
        answer.End();
        root.End();
        await engine.ShutdownAsync();

        var spans = (await dashboard.WaitForSpansAsync(6, TimeSpan.FromSeconds(20))).Where(s => s.Service == "rag-api").ToList();
        Assert.True(spans.Count == 6, $"expected 6 spans, the dashboard has: {string.Join(", ", spans.Select(s => s.Name))}\n{dashboard.Output}");
        Assert.All(spans, s => Assert.Equal(root.TraceId, s.TraceId));
        Assert.All(spans, s => Assert.Equal("Tracentic", s.Scope));

        var rootSpan = Assert.Single(spans, s => s.Name == "rag-pipeline");
        var retrieveSpan = Assert.Single(spans, s => s.Name == "retrieve");
        var answerSpan = Assert.Single(spans, s => s.Name == "answer");
        var embedding = Assert.Single(spans, s => s.Name == "embeddings text-embedding-3-small");
        var failed = Assert.Single(spans, s => s.Name == "chat gpt-4o-mini");
        var chat = Assert.Single(spans, s => s.Name == "chat gpt-4o");

        Assert.Null(rootSpan.ParentSpanId);
        Assert.Equal(rootSpan.SpanId, retrieveSpan.ParentSpanId);
        Assert.Equal(rootSpan.SpanId, answerSpan.ParentSpanId);
        Assert.Equal(retrieveSpan.SpanId, embedding.ParentSpanId);
        Assert.Equal(answerSpan.SpanId, failed.ParentSpanId);
        Assert.Equal(answerSpan.SpanId, chat.ParentSpanId);

        Assert.All(new[] { rootSpan, retrieveSpan, answerSpan }, s => Assert.Equal(1, s.Kind)); // INTERNAL
        Assert.All(new[] { embedding, failed, chat }, s => Assert.Equal(3, s.Kind)); // CLIENT

        Assert.Equal(root.Id, rootSpan["tracentic.scope.id"]);
        Assert.Equal("q-1001", rootSpan["tracentic.scope.correlation_id"]);
        Assert.Equal("user-ada", rootSpan["user_id"]);
        Assert.Equal(root.Id, answerSpan["tracentic.scope.parent_id"]);

        Assert.Equal("chat", chat["gen_ai.operation.name"]);
        Assert.Equal("openai", chat["gen_ai.provider.name"]);
        Assert.Equal("gpt-4o", chat["gen_ai.request.model"]);
        Assert.Equal("100", chat["gen_ai.usage.input_tokens"]);
        Assert.Equal("20", chat["gen_ai.usage.output_tokens"]);
        Assert.Equal("openai", chat["llm.provider"]);
        Assert.Equal(100 / 1e6 * 2.5 + 20 / 1e6 * 10.0, double.Parse(chat["llm.cost.total_usd"]!, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(answer.Id, chat["tracentic.scope.id"]);
        Assert.Equal("embeddings", embedding["gen_ai.operation.name"]);

        Assert.Equal(2, failed.StatusCode);
        Assert.Equal("429 Too Many Requests", failed.StatusMessage);
        Assert.Equal("System.Net.Http.HttpRequestException", failed["error.type"]);
    }
}
