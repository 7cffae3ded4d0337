using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>
/// Content capture completed: plain string prompts, the Responses API's input items, and the system instructions and
/// tool definitions given apart from the messages (<c>gen_ai.system_instructions</c>, <c>gen_ai.tool.definitions</c>),
/// on the ingest, the activity and standard OTLP alike; none of it when capture is off.
/// </summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class InstructionsCaptureTests
{
    private const string Prompt = "Capital of France?";
    private const string Answer = "Paris is the capital.";

    private static void AssertJsonEqual(string expected, object? actual) =>
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(expected).RootElement), JsonSerializer.Serialize(JsonDocument.Parse(Assert.IsType<string>(actual)).RootElement));

    [Fact]
    public async Task A_plain_string_prompt_is_the_user_message()
    {
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-50", Answer, 30, 40, latencyMs: 5));

        await new Traced.OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteAsync("gpt-4o-mini", Prompt);

        AssertJsonEqual($$"""[{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]""", (await world.SingleSpanAsync())["gen_ai.input.messages"]);
    }

    [Fact]
    public async Task ChatOptions_instructions_and_tools_are_captured_beside_the_prompt()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-51", Answer, 30, 40, latencyMs: 5));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await chat.GetResponseAsync(Prompt, new ChatOptions
        {
            ModelId = "gpt-4o-mini",
            Instructions = "Answer in one sentence.",
            Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city.")],
        });

        var span = await world.SingleSpanAsync();
        AssertJsonEqual($$"""[{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]""", span["gen_ai.input.messages"]);
        AssertJsonEqual("""[{"type":"text","content":"Answer in one sentence."}]""", span["gen_ai.system_instructions"]);
        AssertJsonEqual("""[{"type":"function","name":"get_weather","description":"The weather in a city."}]""", span["gen_ai.tool.definitions"]);

        var activity = capture.SingleCall();
        AssertJsonEqual("""[{"type":"text","content":"Answer in one sentence."}]""", activity.GetTagItem("gen_ai.system_instructions"));
        AssertJsonEqual("""[{"type":"function","name":"get_weather","description":"The weather in a city."}]""", activity.GetTagItem("gen_ai.tool.definitions"));
    }

    [Fact]
    public async Task The_Anthropic_system_prompt_is_the_system_instructions_through_the_redaction_callback()
    {
        await using var world = await ProviderHarness.StartAsync(options =>
        {
            options.CaptureMessageContent = true;
            options.RedactMessageContent = text => text.Replace("Acme", "[company]", StringComparison.Ordinal);
        });
        world.Provider.Reply(AnthropicReplies.Message("msg_50", Answer, 25, 12, latencyMs: 10));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(new MessageCreateParams
        {
            Model = "claude-sonnet-4-20250514",
            MaxTokens = 256,
            System = "You answer for Acme support.",
            Messages = [new UserMessageParam(Prompt)],
            Tools = [new Tool { Name = "lookup_order", Description = "Finds an order by id.", InputSchema = new InputSchema() }],
        });

        var span = await world.SingleSpanAsync();
        AssertJsonEqual("""[{"type":"text","content":"You answer for [company] support."}]""", span["gen_ai.system_instructions"]);
        AssertJsonEqual("""[{"type":"function","name":"lookup_order","description":"Finds an order by id."}]""", span["gen_ai.tool.definitions"]);
        Assert.DoesNotContain("Acme", world.ExportedBodies(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_API_input_items_and_instructions_are_captured()
    {
        await using var world = await ProviderHarness.StartAsync(options => options.CaptureMessageContent = true);
        world.Provider.Reply(OpenAIReplies.Response("resp_50", Answer, 20, 8, latencyMs: 5));

        await new OpenAIResponses(world.OpenAIResponses()).RespondAsync(new CreateResponseOptions
        {
            Model = "gpt-4o-mini",
            Instructions = "Be brief.",
            InputItems = { ResponseItem.CreateUserMessageItem(Prompt) },
        });

        var span = await world.SingleSpanAsync();
        AssertJsonEqual($$"""[{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]""", span["gen_ai.input.messages"]);
        AssertJsonEqual("""[{"type":"text","content":"Be brief."}]""", span["gen_ai.system_instructions"]);
    }

    [Fact]
    public async Task With_capture_off_neither_instructions_nor_tools_are_read_or_sent()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-52", Answer, 30, 40, latencyMs: 5));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await chat.GetResponseAsync(Prompt, new ChatOptions
        {
            ModelId = "gpt-4o-mini",
            Instructions = "Answer in one sentence.",
            Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city.")],
        });

        await world.SingleSpanAsync();
        Assert.DoesNotContain("one sentence", world.ExportedBodies(), StringComparison.Ordinal);
        Assert.DoesNotContain("get_weather", world.ExportedBodies(), StringComparison.Ordinal);
        Assert.Null(capture.SingleCall().GetTagItem("gen_ai.system_instructions"));
        Assert.Null(capture.SingleCall().GetTagItem("gen_ai.tool.definitions"));
    }
}
