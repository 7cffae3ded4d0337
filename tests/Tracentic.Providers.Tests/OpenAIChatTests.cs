using System.ClientModel;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>The real OpenAI client's chat calls, plain and streamed, against a fake Chat Completions API.</summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class OpenAIChatTests
{
    // The model asked for is priced; the answer names a dated snapshot, recorded as the response model.
    private static ExpectedSpan Chat(long durationMs, double? timeToFirstToken, string id) => new()
    {
        Name = "llm.openai.chat",
        Provider = "openai",
        RequestModel = "gpt-4o-mini",
        ResponseModel = OpenAIReplies.AnsweredModel,
        InputTokens = 30,
        OutputTokens = 40,
        DurationMs = durationMs,
        TimeToFirstTokenMs = timeToFirstToken,
        FinishReason = "stop",
        ResponseId = id,
    };

    [Fact]
    public async Task ClientResult_of_ChatCompletion_from_the_async_call()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-1", "Paris.", 30, 40, latencyMs: 120));

        var result = await new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteAsync("gpt-4o-mini", "Capital of France?");

        Assert.Equal("Paris.", result.Value.Content[0].Text);
        Chat(120, null, "chatcmpl-1").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task ClientResult_of_ChatCompletion_from_the_sync_call()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-2", "Paris.", 30, 40, latencyMs: 80));

        var result = new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).Complete("gpt-4o-mini", "Capital of France?");

        Assert.Equal("Paris.", result.Value.Content[0].Text);
        Chat(80, null, "chatcmpl-2").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task ChatCompletion_unwrapped_by_the_method()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-3", "Paris.", 30, 40, latencyMs: 95));

        var completion = await new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteValueAsync("gpt-4o-mini", "Capital of France?");

        Assert.Equal("Paris.", completion.Content[0].Text);
        Chat(95, null, "chatcmpl-3").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task AsyncCollectionResult_stream_is_one_span_from_the_call_to_the_usage_chunk()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-4", ["Pa", "ris", "."], 30, 40, firstChunkAfterMs: 50));

        var text = "";
        await foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamAsync("gpt-4o-mini", "Capital of France?"))
        {
            if (text.Length == 0)
            {
                world.Clock.Advance(TimeSpan.FromMilliseconds(70)); // the caller's own work between chunks is part of the span
            }

            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("Paris.", text);
        Chat(120, 50, "chatcmpl-4").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task CollectionResult_stream_is_one_span_over_the_synchronous_enumeration()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-5", ["Pa", "ris", "."], 30, 40, firstChunkAfterMs: 40));

        var text = "";
        foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).Stream("gpt-4o-mini", "Capital of France?"))
        {
            if (text.Length == 0)
            {
                world.Clock.Advance(TimeSpan.FromMilliseconds(60));
            }

            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal("Paris.", text);
        Chat(100, 40, "chatcmpl-5").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task Stream_returned_as_IAsyncEnumerable()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-6", ["Paris."], 30, 40, firstChunkAfterMs: 30));

        await foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamAsEnumerable("gpt-4o-mini", "Capital of France?"))
        {
            _ = update;
        }

        Chat(30, 30, "chatcmpl-6").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task A_stream_the_caller_stops_early_is_recorded_incomplete_with_what_it_showed()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-7", ["Pa", "ris", "."], 30, 40, firstChunkAfterMs: 20));

        await foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamAsync("gpt-4o-mini", "Capital of France?"))
        {
            world.Clock.Advance(TimeSpan.FromMilliseconds(5));
            break; // before the finish reason and the usage chunk
        }

        var span = await world.SingleSpanAsync();
        (Chat(25, 20, "chatcmpl-7") with { InputTokens = null, OutputTokens = null, FinishReason = null }).AssertMatches(span);
        Assert.Equal(false, span["llm.stream.completed"]);
    }

    [Fact]
    public async Task Unconfigured_the_method_returns_the_SDKs_own_stream()
    {
        await using var world = await ProviderHarness.StartAsync();
        await TracenticSdk.Current.ShutdownAsync(); // shutting down the process-wide instance unconfigures it
        Assert.False(TracenticSdk.IsConfigured);

        var chat = world.OpenAIChat("gpt-4o-mini");
        var stream = new OpenAIChat(chat).StreamAsync("gpt-4o-mini", "Hi");

        Assert.Equal("System.ClientModel.AsyncCollectionResult`1", stream.GetType().BaseType?.GetGenericTypeDefinition().FullName);
        Assert.DoesNotContain("Tracentic", stream.GetType().FullName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_on_a_request_is_an_error_span_and_the_callers_exception()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.RateLimited(latencyMs: 15));

        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteAsync("gpt-4o-mini", "Hi"));

        Assert.Equal(429, thrown.Status);
        var span = await world.SingleSpanAsync();
        (Chat(15, null, "") with
        {
            ResponseModel = null, InputTokens = null, OutputTokens = null, FinishReason = null, ResponseId = null, ErrorType = nameof(ClientResultException),
        }).AssertMatches(span);
        Assert.Equal(thrown.Message, span.StatusMessage);
    }

    [Fact]
    public async Task Rate_limit_when_the_stream_is_enumerated_is_an_error_span_not_a_success()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.RateLimited(latencyMs: 25));

        var stream = new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamAsync("gpt-4o-mini", "Hi");
        Assert.Empty(world.Provider.Requests); // lazy, as the SDK's own result: nothing is sent before enumeration
        var thrown = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in stream)
            {
                _ = update;
            }
        });

        Assert.Equal(429, thrown.Status);
        (Chat(25, null, "") with
        {
            ResponseModel = null, InputTokens = null, OutputTokens = null, FinishReason = null, ResponseId = null, ErrorType = nameof(ClientResultException),
        }).AssertMatches(await world.SingleSpanAsync());
    }
}
