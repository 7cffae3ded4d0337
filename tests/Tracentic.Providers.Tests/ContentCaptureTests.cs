using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;
using ChatMessage = OpenAI.Chat.ChatMessage;

namespace Tracentic.Providers.Tests;

/// <summary>
/// Opt-in content capture: the messages sent and the text received, in the GenAI semantic conventions' shapes,
/// through the redaction callback and the size bound; and nothing of either when capture is off.
/// </summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class ContentCaptureTests
{
    private const string Prompt = "Capital of France?";
    private const string Answer = "Paris is the capital.";

    private static MessageCreateParams AnthropicRequest() => new()
    {
        Model = "claude-sonnet-4-20250514",
        MaxTokens = 256,
        Messages = [new UserMessageParam(Prompt)],
    };

    private static string Json(object? attribute) => Assert.IsType<string>(attribute);

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(expected).RootElement), JsonSerializer.Serialize(JsonDocument.Parse(actual).RootElement));

    [Fact]
    public async Task Anthropic_request_messages_and_the_answer_are_captured_when_on()
    {
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(AnthropicReplies.Message("msg_1", Answer, 25, 12, latencyMs: 10));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(AnthropicRequest());

        var span = await world.SingleSpanAsync();
        AssertJsonEqual($$"""[{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]""", Json(span["gen_ai.input.messages"]));
        AssertJsonEqual($$"""[{"role":"assistant","parts":[{"type":"text","content":"{{Answer}}"}],"finish_reason":"end_turn"}]""", Json(span["gen_ai.output.messages"]));
    }

    [Fact]
    public async Task A_streamed_answer_is_captured_assembled_and_each_role_as_sent()
    {
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-1", ["Paris ", "is the ", "capital."], 30, 40, firstChunkAfterMs: 5));

        ChatMessage[] messages = [new SystemChatMessage("Answer briefly."), new UserChatMessage(Prompt)];
        await foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamMessagesAsync("gpt-4o-mini", messages))
        {
            _ = update;
        }

        var span = await world.SingleSpanAsync();
        AssertJsonEqual($$"""
            [{"role":"system","parts":[{"type":"text","content":"Answer briefly."}]},{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]
            """, Json(span["gen_ai.input.messages"]));
        AssertJsonEqual($$"""[{"role":"assistant","parts":[{"type":"text","content":"{{Answer}}"}],"finish_reason":"stop"}]""", Json(span["gen_ai.output.messages"]));
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_messages_are_captured()
    {
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-2", Answer, 30, 40, latencyMs: 5));

        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), world.OpenAIEmbeddings("text-embedding-3-small").AsIEmbeddingGenerator());
        await chat.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, Prompt)], new ChatOptions { ModelId = "gpt-4o-mini" });

        var span = await world.SingleSpanAsync();
        AssertJsonEqual($$"""[{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]""", Json(span["gen_ai.input.messages"]));
        AssertJsonEqual($$"""[{"role":"assistant","parts":[{"type":"text","content":"{{Answer}}"}],"finish_reason":"stop"}]""", Json(span["gen_ai.output.messages"]));
    }

    [Fact]
    public async Task The_redaction_callback_sees_every_text_first()
    {
        await using var world = await ProviderHarness.StartAsync(options =>
        {
            options.CaptureMessageContent = true;
            options.RedactMessageContent = text => text.Replace("France", "[country]", StringComparison.Ordinal).Replace("Paris", "[city]", StringComparison.Ordinal);
        });
        world.Provider.Reply(AnthropicReplies.Message("msg_2", Answer, 25, 12, latencyMs: 10));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(AnthropicRequest());

        var span = await world.SingleSpanAsync();
        AssertJsonEqual("""[{"role":"user","parts":[{"type":"text","content":"Capital of [country]?"}]}]""", Json(span["gen_ai.input.messages"]));
        AssertJsonEqual("""[{"role":"assistant","parts":[{"type":"text","content":"[city] is the capital."}],"finish_reason":"end_turn"}]""", Json(span["gen_ai.output.messages"]));
        Assert.DoesNotContain("France", world.ExportedBodies(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_text_is_cut_to_the_size_bound()
    {
        await using var world = await ProviderHarness.StartAsync(options =>
        {
            options.CaptureMessageContent = true;
            options.MaxMessageContentLength = 7;
        });
        world.Provider.Reply(AnthropicReplies.Message("msg_3", Answer, 25, 12, latencyMs: 10));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(AnthropicRequest());

        var span = await world.SingleSpanAsync();
        AssertJsonEqual("""[{"role":"user","parts":[{"type":"text","content":"Capital"}]}]""", Json(span["gen_ai.input.messages"]));
        AssertJsonEqual("""[{"role":"assistant","parts":[{"type":"text","content":"Paris i"}],"finish_reason":"end_turn"}]""", Json(span["gen_ai.output.messages"]));
    }

    [Fact]
    public async Task The_OpenTelemetry_environment_variable_turns_capture_on_when_the_option_is_unset()
    {
        const string Variable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
        Environment.SetEnvironmentVariable(Variable, "true");
        try
        {
            await using var world = await ProviderHarness.StartAsync();
            world.Provider.Reply(AnthropicReplies.Message("msg_4", Answer, 25, 12, latencyMs: 10));

            await new AnthropicMessages(world.Anthropic()).CreateAsync(AnthropicRequest());

            Assert.Contains(Prompt, Json((await world.SingleSpanAsync())["gen_ai.input.messages"]), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public async Task With_capture_off_no_content_appears_anywhere_in_the_exported_bodies()
    {
        await using var world = await ProviderHarness.StartAsync(); // the default, with the environment variable unset
        world.Provider.Reply(
            AnthropicReplies.Message("msg_5", Answer, 25, 12, latencyMs: 10),
            AnthropicReplies.MessageStream("msg_6", ["Paris ", "is the ", "capital."], 25, 12, firstEventAfterMs: 5),
            OpenAIReplies.ChatStream("chatcmpl-3", ["Paris ", "is the ", "capital."], 30, 40, firstChunkAfterMs: 5));

        var anthropic = new AnthropicMessages(world.Anthropic());
        await anthropic.CreateAsync(AnthropicRequest());
        await foreach (var streamEvent in anthropic.StreamAsync(AnthropicRequest()))
        {
            _ = streamEvent;
        }

        await foreach (var update in new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).StreamMessagesAsync("gpt-4o-mini", [new UserChatMessage(Prompt)]))
        {
            _ = update;
        }

        await TracenticSdk.Current.FlushAsync();
        Assert.Equal(3, world.Ingest.Spans.Count);
        var bodies = world.ExportedBodies();
        foreach (var content in new[] { "France", "Paris", "capital", "gen_ai.input.messages", "gen_ai.output.messages" })
        {
            Assert.DoesNotContain(content, bodies, StringComparison.Ordinal);
        }
    }
}
