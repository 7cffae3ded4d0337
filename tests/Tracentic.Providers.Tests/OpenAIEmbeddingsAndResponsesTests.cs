using OpenAI.Responses;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>The real OpenAI client's embeddings and Responses API against fakes of those endpoints.</summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class OpenAIEmbeddingsAndResponsesTests
{
    [Fact]
    public async Task ClientResult_of_OpenAIEmbeddingCollection()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.Embeddings("text-embedding-3-small", inputTokens: 8, latencyMs: 35));

        var result = await new OpenAIEmbeddings(world.OpenAIEmbeddings("text-embedding-3-small")).EmbedAsync("text-embedding-3-small", "hello world");

        Assert.Equal(3, result.Value[0].ToFloats().Length);
        new ExpectedSpan
        {
            Name = "llm.openai.embedding",
            Provider = "openai",
            RequestModel = "text-embedding-3-small",
            ResponseModel = "text-embedding-3-small",
            InputTokens = 8,
            OutputTokens = 0, // embeddings produce no output tokens
            DurationMs = 35,
            TimeToFirstTokenMs = null,
            FinishReason = null,
            ResponseId = null,
        }.AssertMatches(await world.SingleSpanAsync());
    }

    private static CreateResponseOptions Request() => new("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Capital of France?")]);

    private static CreateResponseOptions StreamingRequest()
    {
        var request = Request();
        request.StreamingEnabled = true;
        return request;
    }

    private static ExpectedSpan Response(long durationMs, double? timeToFirstToken, string id) => new()
    {
        Name = "llm.openai.chat",
        Provider = "openai",
        RequestModel = "gpt-4o-mini", // read from the request options
        ResponseModel = OpenAIReplies.AnsweredModel,
        InputTokens = 12,
        OutputTokens = 5,
        DurationMs = durationMs,
        TimeToFirstTokenMs = timeToFirstToken,
        FinishReason = "completed",
        ResponseId = id,
    };

    [Fact]
    public async Task ClientResult_of_ResponseResult()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.Response("resp_1", "Paris.", 12, 5, latencyMs: 110));

        var result = await new OpenAIResponses(world.OpenAIResponses()).RespondAsync(Request());

        Assert.Equal("Paris.", result.Value.GetOutputText());
        Response(110, null, "resp_1").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task Streamed_response_updates_end_with_the_completed_response()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ResponseStream("resp_2", ["Pa", "ris."], 12, 5, firstEventAfterMs: 20));

        var updates = 0;
        var text = "";
        await foreach (var update in new OpenAIResponses(world.OpenAIResponses()).StreamAsync(StreamingRequest()))
        {
            updates++;
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                if (text.Length == 0)
                {
                    world.Clock.Advance(TimeSpan.FromMilliseconds(30)); // after the first token
                }

                text += delta.Delta;
            }
        }

        Assert.Equal(4, updates);
        Assert.Equal("Paris.", text);
        Response(50, 20, "resp_2").AssertMatches(await world.SingleSpanAsync());
    }
}
