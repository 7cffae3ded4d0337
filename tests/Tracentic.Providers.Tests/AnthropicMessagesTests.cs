using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>The real Anthropic client against a fake Messages API, plain and streamed.</summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class AnthropicMessagesTests
{
    private static MessageCreateParams Request() => new()
    {
        Model = "claude-sonnet-4-20250514",
        MaxTokens = 256,
        Messages = [new UserMessageParam("Capital of France?")],
    };

    private static ExpectedSpan Messages(long durationMs, double? timeToFirstToken, string id) => new()
    {
        Name = "llm.anthropic.chat",
        Provider = "anthropic",
        RequestModel = "claude-sonnet-4-20250514", // the plain id, read from the request's enum-like model value
        ResponseModel = AnthropicReplies.AnsweredModel,
        InputTokens = 25,
        OutputTokens = 12,
        DurationMs = durationMs,
        TimeToFirstTokenMs = timeToFirstToken,
        FinishReason = "end_turn",
        ResponseId = id,
    };

    [Fact]
    public async Task Message()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.Message("msg_1", "Paris.", 25, 12, latencyMs: 140));

        var message = await new AnthropicMessages(world.Anthropic()).CreateAsync(Request());

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("Paris.", text.Text);
        Messages(140, null, "msg_1").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task Raw_stream_events_carry_usage_in_message_start_and_message_delta()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.MessageStream("msg_2", ["Pa", "ris."], 25, 12, firstEventAfterMs: 45));

        var text = "";
        await foreach (var streamEvent in new AnthropicMessages(world.Anthropic()).StreamAsync(Request()))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var part))
            {
                if (text.Length == 0)
                {
                    // After the first token: the caller's own work is part of the span, not of the time to first token.
                    world.Clock.Advance(TimeSpan.FromMilliseconds(55));
                }

                text += part.Text;
            }
        }

        Assert.Equal("Paris.", text);
        Messages(100, 45, "msg_2").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task The_SDKs_aggregated_stream_is_a_Message()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.MessageStream("msg_3", ["Pa", "ris."], 25, 12, firstEventAfterMs: 65));

        var message = await new AnthropicMessages(world.Anthropic()).StreamAndAggregateAsync(Request());

        Assert.Equal(12, message.Usage.OutputTokens);
        Messages(65, null, "msg_3").AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task Rate_limit_on_a_request_is_an_error_span()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.RateLimited(latencyMs: 10));

        var thrown = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => new AnthropicMessages(world.Anthropic()).CreateAsync(Request()));

        (Messages(10, null, "") with
        {
            ResponseModel = null, InputTokens = null, OutputTokens = null, FinishReason = null, ResponseId = null, ErrorType = thrown.GetType().Name,
        }).AssertMatches(await world.SingleSpanAsync());
    }

    [Fact]
    public async Task Rate_limit_when_the_stream_is_enumerated_is_an_error_span()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.RateLimited(latencyMs: 20));

        var thrown = await Assert.ThrowsAnyAsync<AnthropicApiException>(async () =>
        {
            await foreach (var streamEvent in new AnthropicMessages(world.Anthropic()).StreamAsync(Request()))
            {
                _ = streamEvent;
            }
        });

        (Messages(20, null, "") with
        {
            ResponseModel = null, InputTokens = null, OutputTokens = null, FinishReason = null, ResponseId = null, ErrorType = thrown.GetType().Name,
        }).AssertMatches(await world.SingleSpanAsync());
    }
}
