using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;
using Receiver = Tracentic.Local.LocalReceiver;

namespace Tracentic.IntegrationTests.Samples;

/// <summary>The console RAG sample, built by dotnet build with the generator as a user gets it, run as a child process.</summary>
[Trait("Category", "Slow")] // child processes: left out of the fast loop (README, "Running the tests")
public class ConsoleSampleTests
{
    private const string Sample = "Tracentic.Samples.Console";

    internal static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.DotnetAsync([Repository.SampleAssembly(Sample)], Repository.PathOf("."), environment, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Without_a_key_it_exports_to_its_local_receiver_and_prints_the_tree()
    {
        var run = (await RunAsync()).EnsureSuccess();

        Assert.True(run.Error.Length == 0, run.Describe("wrote to stderr"));
        SampleOutput.AssertMatches("ConsoleSample.expected.txt", SampleOutput.Mask(run.Output));
    }

    [Fact]
    public async Task With_a_key_and_an_endpoint_it_exports_there_and_the_spans_tell_the_whole_story()
    {
        await using var receiver = await Receiver.StartAsync();

        var run = (await RunAsync(new Dictionary<string, string?>
        {
            ["TRACENTIC_API_KEY"] = receiver.ApiKey,
            ["TRACENTIC_ENDPOINT"] = receiver.Endpoint,
        })).EnsureSuccess();

        Assert.Contains($"Exporting to {receiver.Endpoint} (TRACENTIC_API_KEY is set).", run.Output, StringComparison.Ordinal);
        Assert.Empty(receiver.Rejected);
        var spans = receiver.Spans;
        Assert.Equal(9, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Equal("rag-console-sample", s.ServiceName);
            Assert.Equal("development", s.Resource.Environment);
            Assert.Equal("fake-ai", s.Provider);
            Assert.Equal("rag-sample", s["app"]);
            Assert.Equal(3, s.Kind);
        });

        // Two pipelines, each the parent of retrieve, rerank and answer; every step links to its own pipeline.
        var tree = receiver.BuildTree();
        Assert.Equal(2, tree.Roots.Count);
        foreach (var (root, correlation, user) in tree.Roots.Cast<ScopeNode>().Zip(["q-1001", "q-1002"], ["user-ada", "user-linus"]))
        {
            Assert.Equal("rag-pipeline", root.Name);
            Assert.Null(root.ParentId);
            Assert.Equal(correlation, root.CorrelationId);
            Assert.Equal(["retrieve", "rerank", "answer"], root.Scopes.Select(s => s.Name));
            Assert.All(root.Scopes, step =>
            {
                Assert.Equal(root.Id, step.ParentId);
                Assert.Equal(correlation, step.CorrelationId); // inherited from the pipeline
                Assert.All(step.Spans, s => Assert.Equal(root.Id, s.ScopeParentId));
            });

            var rewrite = Assert.Single(root.Spans);
            Assert.Equal(("llm.fake-ai.chat", "fake-mini", "rewrite", user), (rewrite.Name, rewrite.Model, rewrite["prompt"], rewrite["user_id"]));
            Assert.Equal("RagPipeline.RewriteAsync", rewrite["code.function"]); // the member that made the call
            Assert.Equal("RagPipeline.cs", rewrite["code.filepath"]);
            var embedding = Assert.Single(root.Scopes.Single(s => s.Name == "retrieve").Spans);
            Assert.Equal(("llm.fake-ai.embedding", "fake-embed", 0L), (embedding.Name, embedding.Model, embedding.OutputTokens));
            Assert.Equal(Cost(embedding, 0.02, 0), embedding.CostUsd!.Value, 12);
        }

        // Tokens and cost come from ChatResponse.Usage (the stream: its UsageContent) and CustomPricing.
        var priced = spans.Where(s => s.InputTokens is not null).ToList();
        Assert.Equal(8, priced.Count);
        Assert.All(priced, s =>
        {
            Assert.Equal(s.InputTokens + s.OutputTokens, s.TotalTokens);
            var (input, output) = s.Model switch { "fake-mini" => (0.15, 0.60), "fake-large" => (2.50, 10.00), _ => (0.02, 0.0) };
            Assert.Equal(Cost(s, input, output), s.CostUsd!.Value, 12);
        });

        // The rate-limited call: an error span in the first answer scope, no tokens, no cost.
        var failed = Assert.Single(spans, s => s.IsError);
        Assert.Equal(2, failed.StatusCode);
        Assert.Equal("HttpRequestException", failed.ErrorType);
        Assert.Equal("429 Too Many Requests: rate limit reached for fake-large", failed.StatusMessage);
        Assert.Equal(("answer", "fake-large", "q-1001"), (failed.ScopeName, failed.Model, failed.CorrelationId));
        Assert.Null(failed.CostUsd);

        // The fallback stream: one span over the enumeration, in the same scope, with the time to the first update.
        var stream = Assert.Single(spans, s => s["llm.time_to_first_token_ms"] is not null);
        Assert.Equal((failed.ScopeId, "fake-mini", "answer-fallback"), (stream.ScopeId, stream.Model, stream["prompt"]));
        Assert.Null(stream["llm.stream.completed"]); // enumerated to the end
        Assert.True(stream.StartTimeUnixNano >= failed.EndTimeUnixNano);
        // Usage arrives as a UsageContent item in the last update: the generator reads it from Contents.
        Assert.Equal((106L, 38L), (stream.InputTokens, stream.OutputTokens));
        Assert.Equal(Cost(stream, 0.15, 0.60), stream.CostUsd!.Value, 12);
        Assert.True((double)stream["llm.time_to_first_token_ms"]! <= stream.Duration.TotalMilliseconds + 1);

        // The second question's large-model call succeeded.
        var answered = Assert.Single(spans, s => s.Model == "fake-large" && !s.IsError);
        Assert.Equal("q-1002", answered.CorrelationId);
    }

    private static double Cost(ReceivedSpan span, double inputPerMillion, double outputPerMillion) =>
        span.InputTokens!.Value / 1e6 * inputPerMillion + span.OutputTokens!.Value / 1e6 * outputPerMillion;
}
