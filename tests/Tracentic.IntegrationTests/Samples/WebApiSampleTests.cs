using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;
using Receiver = Tracentic.Local.LocalReceiver;

namespace Tracentic.IntegrationTests.Samples;

/// <summary>The two-service sample: a gateway and a worker on loopback, linked through TracenticHeaders.Scope.</summary>
[Trait("Category", "Slow")] // child processes: left out of the fast loop (README, "Running the tests")
public class WebApiSampleTests
{
    private const string Sample = "Tracentic.Samples.WebApi";

    private static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.DotnetAsync([Repository.SampleAssembly(Sample)], Repository.PathOf($"samples/{Sample}"), environment, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Without_a_key_it_prints_the_tree_linked_across_the_two_services()
    {
        var run = (await RunAsync()).EnsureSuccess();

        Assert.True(run.Error.Length == 0, run.Describe("wrote to stderr"));
        SampleOutput.AssertMatches("WebApiSample.expected.txt", SampleOutput.Mask(run.Output));
    }

    [Fact]
    public async Task With_a_key_and_an_endpoint_the_worker_scopes_are_children_of_the_gateway_scopes()
    {
        await using var receiver = await Receiver.StartAsync();

        var run = (await RunAsync(new Dictionary<string, string?>
        {
            ["TRACENTIC_API_KEY"] = receiver.ApiKey,
            ["TRACENTIC_ENDPOINT"] = receiver.Endpoint,
        })).EnsureSuccess();

        Assert.Contains("TRACENTIC_API_KEY is set: the services export to Tracentic.", run.Output, StringComparison.Ordinal);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(6, receiver.Spans.Count);
        var tree = receiver.BuildTree();
        Assert.Equal(["rag-gateway", "rag-worker"], tree.Services);
        Assert.Equal(3, tree.Roots.Count);

        foreach (var (root, requestId, user) in tree.Roots.Cast<ScopeNode>().Zip(["req-1", "req-2", "req-3"], ["user-ada", "user-linus", "user-ada"]))
        {
            // The gateway: a [TracenticScope] scope with a [TracenticLlmCall] span, and the request's attributes.
            Assert.Equal(("gateway.ask", "rag-gateway", requestId), (root.Name, root.ServiceName, root.CorrelationId));
            var classify = Assert.Single(root.Spans);
            Assert.Equal(("llm.fake-ai.chat", "fake-mini", user, "/ask", "local"), (classify.Name, classify.Model, classify["user_id"], classify["route"], classify["region"]));
            Assert.NotNull(classify.CostUsd);

            // The worker: its own service, linked to the gateway scope by the header, with its own request attributes only.
            var summarize = Assert.Single(root.Scopes);
            Assert.Equal(("worker.summarize", "rag-worker", root.Id), (summarize.Name, summarize.ServiceName, summarize.ParentId));
            var call = Assert.Single(summarize.Spans);
            Assert.Equal(("fake-large", "/summarize"), (call.Model, call["route"]));
            Assert.Null(call["user_id"]);
            Assert.Null(call["region"]);
            Assert.NotEqual(root.Id, call.TraceId); // the link is the scope parent id, not a shared trace
        }

        var failed = Assert.Single(receiver.Spans, s => s.IsError);
        Assert.Equal(("rag-worker", "TimeoutException", "unknown"), (failed.ServiceName, failed.ErrorType, failed["topic"]));
        Assert.Contains("-> [unknown] The worker could not answer (504); try again later.", run.Output, StringComparison.Ordinal);
    }
}
