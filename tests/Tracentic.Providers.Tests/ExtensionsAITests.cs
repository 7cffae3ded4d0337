using Microsoft.Extensions.AI;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>Microsoft.Extensions.AI's abstractions over the real OpenAI client, against the fake OpenAI API.</summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class ExtensionsAITests
{
    private static ExtensionsAIChat Client(ProviderHarness world) =>
        new(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), world.OpenAIEmbeddings("text-embedding-3-small").AsIEmbeddingGenerator());

    private static ExpectedSpan Chat(long durationMs, double? timeToFirstToken, string id) => new()
    {
        Name = "llm.openai.chat",
        Provider = "openai",
        RequestModel = "gpt-4o-mini", // ChatOptions.ModelId
        ResponseModel = OpenAIReplies.AnsweredModel,
        InputTokens = 30,
        OutputTokens = 40,
        DurationMs = durationMs,
        TimeToFirstTokenMs = timeToFirstToken,
        FinishReason = "stop",
        ResponseId = id,
    };

    [Fact]
    public async Task ChatResponse()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-10", "Paris.", 30, 40, latencyMs: 75));

        var response = await Client(world).GetResponseAsync("Capital of France?", new ChatOptions { ModelId = "gpt-4o-mini" });

        Assert.Equal("Paris.", response.Text);
        Chat(75, null, "chatcmpl-10").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task ChatResponseUpdate_stream()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-11", ["Pa", "ris."], 30, 40, firstChunkAfterMs: 35));

        var text = "";
        await foreach (var update in Client(world).GetStreamingResponseAsync("Capital of France?", new ChatOptions { ModelId = "gpt-4o-mini" }))
        {
            if (text.Length == 0)
            {
                world.Clock.Advance(TimeSpan.FromMilliseconds(15));
            }

            text += update.Text;
        }

        Assert.Equal("Paris.", text);
        Chat(50, 35, "chatcmpl-11").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task GeneratedEmbeddings()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.Embeddings("text-embedding-3-small", inputTokens: 6, latencyMs: 22));

        var embeddings = await Client(world).EmbedAsync("text-embedding-3-small", "hello");

        Assert.Single(embeddings);
        new ExpectedSpan
        {
            Name = "llm.openai.embedding",
            Provider = "openai",
            RequestModel = "text-embedding-3-small",
            ResponseModel = null, // GeneratedEmbeddings names no model
            InputTokens = 6,
            OutputTokens = 0,
            DurationMs = 22,
            TimeToFirstTokenMs = null,
            FinishReason = null,
            ResponseId = null,
        }.AssertMatches(await world.SingleSpanAsync());
    }
}
