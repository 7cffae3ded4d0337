using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;
using Tracentic.Testing;

namespace Tracentic.Providers.Tests;

/// <summary>
/// Prompt-cache and reasoning tokens, read from each provider's own usage shape by the real clients, recorded under
/// the GenAI conventions' names and priced at their own prices: OpenAI and Microsoft.Extensions.AI count cached
/// input inside the input tokens and reasoning inside the output tokens; Anthropic reports cache reads and writes
/// beside its input tokens.
/// </summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class CachedTokensTests
{
    // o4-mini: 1.10 input, 0.275 cached input, 4.40 output, 5.00 reasoning (per million; ProviderHarness.Pricing).
    private const double OpenAICost = (400 * 1.1 + 600 * 0.275 + 300 * 4.4 + 200 * 5.0) / 1e6;

    [Fact]
    public async Task OpenAI_ChatCompletion_cached_input_and_reasoning_output()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-c1", "Paris.", 1_000, 500, latencyMs: 60, cachedTokens: 600, reasoningTokens: 200));

        await new OpenAIChat(world.OpenAIChat("o4-mini")).CompleteAsync("o4-mini", "Capital of France?");

        var span = await world.SingleSpanAsync();
        Assert.Equal(1_000L, span["llm.usage.input_tokens"]);
        Assert.Equal(500L, span["llm.usage.output_tokens"]);
        Assert.Equal(600L, span["gen_ai.usage.cache_read.input_tokens"]);
        Assert.Equal(200L, span["gen_ai.usage.reasoning.output_tokens"]);
        Assert.Null(span["gen_ai.usage.cache_creation.input_tokens"]);
        Assert.Equal(OpenAICost, Assert.IsType<double>(span["llm.cost.total_usd"]), 12);
    }

    [Fact]
    public async Task OpenAI_ChatCompletion_audio_tokens_go_on_the_activity_and_standard_otlp_not_the_ingest()
    {
        using var capture = new ActivityCapture();
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        await using var world = await ProviderHarness.StartAsync(o => o.Otlp = new OtlpOutputOptions { Endpoint = otlp.BaseUrl });
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-a1", "Paris.", 1_000, 500, latencyMs: 60, audioTokens: (900, 450)));

        await new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteAsync("gpt-4o-mini", "Capital of France?");

        var activity = capture.SingleCall();
        Assert.Equal(900L, activity.GetTagItem("gen_ai.usage.input_audio_tokens"));
        Assert.Equal(450L, activity.GetTagItem("gen_ai.usage.output_audio_tokens"));
        Assert.Null(activity.GetTagItem("gen_ai.usage.input_text_tokens")); // OpenAI's chat usage has no text split
        var span = await world.SingleSpanAsync();
        Assert.Null(span["gen_ai.usage.input_audio_tokens"]); // the ingest carries what the Python SDK sends
        var attributes = OtlpTracesReceiver.Attributes(Assert.Single(otlp.DeliveredSpans, s => s.GetProperty("kind").GetInt32() == 3));
        Assert.Equal("900", attributes["gen_ai.usage.input_audio_tokens"].GetProperty("intValue").GetString());
        Assert.Equal("450", attributes["gen_ai.usage.output_audio_tokens"].GetProperty("intValue").GetString());
        Assert.False(attributes.ContainsKey("gen_ai.usage.output_text_tokens"));
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_ChatResponse_usage_details()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-c2", "Paris.", 1_000, 500, latencyMs: 60, cachedTokens: 600, reasoningTokens: 200));
        var client = new ExtensionsAIChat(world.OpenAIChat("o4-mini").AsIChatClient(), world.OpenAIEmbeddings("text-embedding-3-small").AsIEmbeddingGenerator());

        var response = await client.GetResponseAsync("Capital of France?", new ChatOptions { ModelId = "o4-mini" });

        Assert.Equal(600, response.Usage!.CachedInputTokenCount); // what MEAI itself read from the same reply
        var span = await world.SingleSpanAsync();
        Assert.Equal(600L, span["gen_ai.usage.cache_read.input_tokens"]);
        Assert.Equal(200L, span["gen_ai.usage.reasoning.output_tokens"]);
        Assert.Equal(OpenAICost, Assert.IsType<double>(span["llm.cost.total_usd"]), 12);
    }

    [Fact]
    public async Task Anthropic_Message_cache_reads_and_writes_beside_the_input_tokens()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.Message("msg_c1", "Paris.", 100, 50, latencyMs: 60, cacheReadTokens: 2_000, cacheWriteTokens: 500));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(new MessageCreateParams
        {
            Model = "claude-sonnet-4-20250514",
            MaxTokens = 256,
            Messages = [new UserMessageParam("Capital of France?")],
        });

        var span = await world.SingleSpanAsync();
        Assert.Equal(100L, span["llm.usage.input_tokens"]); // as Anthropic reports it (the Python SDK sends the same)
        Assert.Equal(2_000L, span["gen_ai.usage.cache_read.input_tokens"]);
        Assert.Equal(500L, span["gen_ai.usage.cache_creation.input_tokens"]);
        Assert.Null(span["gen_ai.usage.reasoning.output_tokens"]);
        // claude-sonnet-4: 3.00 input, 0.30 cache read, 3.75 cache write, 15.00 output.
        Assert.Equal((100 * 3.0 + 2_000 * 0.3 + 500 * 3.75 + 50 * 15.0) / 1e6, Assert.IsType<double>(span["llm.cost.total_usd"]), 12);
    }

    [Fact]
    public async Task Without_cache_counts_the_cost_is_input_and_output_as_before()
    {
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-c3", "Paris.", 1_000, 500, latencyMs: 60));

        await new OpenAIChat(world.OpenAIChat("o4-mini")).CompleteAsync("o4-mini", "Capital of France?");

        var span = await world.SingleSpanAsync();
        Assert.Null(span["gen_ai.usage.cache_read.input_tokens"]);
        Assert.Null(span["gen_ai.usage.reasoning.output_tokens"]);
        Assert.Equal((1_000 * 1.1 + 500 * 4.4) / 1e6, Assert.IsType<double>(span["llm.cost.total_usd"]), 12);
    }
}
