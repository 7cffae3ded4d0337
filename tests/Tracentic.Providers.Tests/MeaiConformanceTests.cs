using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;

namespace Tracentic.Providers.Tests;

/// <summary>
/// The whole set of <c>gen_ai.*</c> tags Tracentic's wrapper records for a call, side by side with what
/// Microsoft.Extensions.AI 10.11's <c>UseOpenTelemetry()</c> records for the same call (the same request through the
/// provider's <c>IChatClient</c>), one test per provider type. Every difference is listed here, with its reason, and
/// in docs/opentelemetry.md. Differences of type only (MEAI's <c>float</c>/<c>int</c> where the conventions say
/// double/int, which Tracentic records as <c>double</c>/<c>long</c>; MEAI's JSON-looking strings where the
/// conventions say <c>string[]</c>) are compared by value.
/// </summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class MeaiConformanceTests
{
    private const string Prompt = "Capital of France?";

    /// <summary>Measured on each one's own clock: Tracentic's on the test's fake clock, MEAI's on a stopwatch.</summary>
    private static readonly string[] Timings = ["gen_ai.response.time_to_first_chunk"];

    [Fact]
    public async Task Microsoft_Extensions_AI_IChatClient_records_what_UseOpenTelemetry_records()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-60", "Paris.", 30, 40, latencyMs: 5, cachedTokens: 10, reasoningTokens: 4));
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-61", ["Pa", "ris."], 30, 40, firstChunkAfterMs: 5));

        // The traced method wraps a client MEAI instruments: one call, both activities.
        var meai = new ChatClientBuilder(world.OpenAIChat("gpt-4o-mini").AsIChatClient()).UseOpenTelemetry().Build();
        var traced = new ExtensionsAIChat(meai, null!);
        var options = new ChatOptions
        {
            ModelId = "gpt-4o-mini", Temperature = 0.7f, MaxOutputTokens = 100, TopP = 0.9f, TopK = 40, Seed = 7,
            StopSequences = ["END"], FrequencyPenalty = 0.5f, PresencePenalty = 0.25f, ConversationId = "conv-60",
            ResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat.Text,
        };
        await traced.GetResponseAsync(Prompt, options);
        await foreach (var _ in traced.GetStreamingResponseAsync(Prompt, options))
        {
        }

        var ours = capture.From("Tracentic").Where(a => a.Kind == ActivityKind.Client).ToList();
        var theirs = capture.From(ActivityCapture.ExtensionsAISource);
        Assert.Equal(2, ours.Count);
        Assert.Equal(2, theirs.Count);
        for (var i = 0; i < 2; i++)
        {
            AssertSameGenAiTags(ours[i], theirs[i], onlyOurs: [], onlyTheirs: [], differentValues: []);
        }
    }

    [Fact]
    public async Task OpenAI_ChatClient_records_what_UseOpenTelemetry_records_for_the_same_request()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-62", "Paris.", 30, 40, latencyMs: 5, cachedTokens: 10, reasoningTokens: 4));
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-62", "Paris.", 30, 40, latencyMs: 5, cachedTokens: 10, reasoningTokens: 4));

        var options = new ChatCompletionOptions { Temperature = 0.7f, MaxOutputTokenCount = 100, TopP = 0.9f, FrequencyPenalty = 0.5f, PresencePenalty = 0.25f };
        options.StopSequences.Add("END");
#pragma warning disable OPENAI001 // the same request on both sides, seed included
        options.Seed = 7;
#pragma warning restore OPENAI001
        await new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteWithOptionsAsync("gpt-4o-mini", Prompt, options);

        var meai = new ChatClientBuilder(world.OpenAIChat("gpt-4o-mini").AsIChatClient()).UseOpenTelemetry().Build();
        await meai.GetResponseAsync(Prompt, new ChatOptions
        {
            Temperature = 0.7f, MaxOutputTokens = 100, TopP = 0.9f, FrequencyPenalty = 0.5f, PresencePenalty = 0.25f, StopSequences = ["END"], Seed = 7,
        });

        AssertSameGenAiTags(
            capture.SingleCall(), Assert.Single(capture.From(ActivityCapture.ExtensionsAISource)),
            // OpenAI reports its audio token counts; MEAI's OpenAI adapter keeps them in AdditionalCounts, which it does not record.
            onlyOurs: ["gen_ai.usage.input_audio_tokens", "gen_ai.usage.output_audio_tokens"],
            onlyTheirs: ["gen_ai.request.seed"], // ChatCompletionOptions.Seed is experimental (OPENAI001): generated code never reads it
            differentValues: []);
    }

    [Fact]
    public async Task Anthropic_records_what_UseOpenTelemetry_records_for_the_same_request()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.Message("msg_60", "Paris.", 30, 40, latencyMs: 5, cacheReadTokens: 10, cacheWriteTokens: 5));
        world.Provider.Reply(AnthropicReplies.Message("msg_60", "Paris.", 30, 40, latencyMs: 5, cacheReadTokens: 10, cacheWriteTokens: 5));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(new MessageCreateParams
        {
            Model = "claude-sonnet-4-20250514",
            MaxTokens = 256,
            StopSequences = ["</a>"],
            Messages = [new UserMessageParam(Prompt)],
        });

        var meai = new ChatClientBuilder(world.Anthropic().AsIChatClient("claude-sonnet-4-20250514", 256)).UseOpenTelemetry().Build();
        await meai.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 256, StopSequences = ["</a>"] });

        AssertSameGenAiTags(
            capture.SingleCall(), Assert.Single(capture.From(ActivityCapture.ExtensionsAISource)),
            // Anthropic reports cache writes; MEAI's usage details have no field for them.
            onlyOurs: ["gen_ai.usage.cache_creation.input_tokens"],
            onlyTheirs: [],
            // The provider's own reason (end_turn), as the conventions ask; MEAI maps it to its ChatFinishReason (stop).
            // Tracentic's input tokens are Anthropic's input_tokens as reported; MEAI adds the cache reads and writes to them.
            differentValues: ["gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens"]);
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_embeddings_record_what_UseOpenTelemetry_records()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.Embeddings("text-embedding-3-small", inputTokens: 6, latencyMs: 5));

        var meai = new EmbeddingGeneratorBuilder<string, Embedding<float>>(world.OpenAIEmbeddings("text-embedding-3-small").AsIEmbeddingGenerator())
            .UseOpenTelemetry().Build();
        await new ExtensionsAIChat(null!, meai).EmbedAsync(["hello"], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small", Dimensions = 256 });

        AssertSameGenAiTags(
            capture.SingleCall(), Assert.Single(capture.From(ActivityCapture.ExtensionsAISource)),
            // Embeddings report no output tokens: Tracentic records 0 so that cost can be computed.
            onlyOurs: ["gen_ai.usage.output_tokens"],
            // GeneratedEmbeddings names no model itself; MEAI takes its first embedding's. Tracentic reads the result's
            // own members only.
            onlyTheirs: ["gen_ai.response.model"],
            differentValues: []);
    }

    /// <summary>
    /// The two activities carry the same <c>gen_ai.*</c> keys but for <paramref name="onlyOurs"/> and
    /// <paramref name="onlyTheirs"/>, and the same values but for <paramref name="differentValues"/> and the timings.
    /// </summary>
    /// <summary>
    /// Token counts by modality: Microsoft.Extensions.AI 10.11's usage details carry audio and text counts, but they are
    /// experimental (MEAI001), so generated code does not read them (it never reads an experimental member: that would
    /// put the error into the user's build) and MEAI's own telemetry does not record them either. The sets stay equal.
    /// </summary>
    [Fact]
    public async Task Experimental_audio_and_text_counts_are_recorded_by_neither_side()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
#pragma warning disable MEAI001 // what a provider that splits by modality reports
        var usage = new UsageDetails
        {
            InputTokenCount = 120, OutputTokenCount = 80, InputAudioTokenCount = 100, InputTextTokenCount = 20,
            OutputAudioTokenCount = 70, OutputTextTokenCount = 10,
        };
#pragma warning restore MEAI001
        var meai = new ChatClientBuilder(new UsageReportingChatClient(usage)).UseOpenTelemetry().Build();

        await new ExtensionsAIChat(meai, null!).GetResponseAsync(Prompt, new ChatOptions { ModelId = "gpt-4o-audio-preview" });

        var ours = capture.SingleCall();
        AssertSameGenAiTags(ours, Assert.Single(capture.From(ActivityCapture.ExtensionsAISource)), onlyOurs: [], onlyTheirs: [], differentValues: []);
        Assert.Equal(120L, ours.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.DoesNotContain(ours.TagObjects, t => t.Key.Contains("audio", StringComparison.Ordinal) || t.Key.Contains("text_tokens", StringComparison.Ordinal));
    }

    /// <summary>An <c>IChatClient</c> that answers every request with the given usage (a provider that splits by modality).</summary>
    private sealed class UsageReportingChatClient(UsageDetails usage) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "Paris.")) { Usage = usage, ModelId = options?.ModelId, ResponseId = "resp-audio" });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(System.Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai") : null; // the provider MEAI names

        public void Dispose()
        {
        }
    }

    private static void AssertSameGenAiTags(Activity ours, Activity theirs, string[] onlyOurs, string[] onlyTheirs, string[] differentValues)
    {
        var ourTags = GenAi(ours);
        var theirTags = GenAi(theirs);
        Assert.Equal(onlyOurs.Order(StringComparer.Ordinal), ourTags.Keys.Except(theirTags.Keys).Order(StringComparer.Ordinal));
        Assert.Equal(onlyTheirs.Order(StringComparer.Ordinal), theirTags.Keys.Except(ourTags.Keys).Order(StringComparer.Ordinal));
        foreach (var key in ourTags.Keys.Intersect(theirTags.Keys).Except(differentValues).Except(Timings))
        {
            Assert.True(Normalized(ourTags[key]) == Normalized(theirTags[key]), $"{key}: Tracentic {Normalized(ourTags[key])}, MEAI {Normalized(theirTags[key])}");
        }

        foreach (var key in differentValues)
        {
            Assert.True(ourTags.ContainsKey(key) && theirTags.ContainsKey(key), $"{key} is on both sides");
            Assert.NotEqual(Normalized(theirTags[key]), Normalized(ourTags[key]));
        }
    }

    private static Dictionary<string, object?> GenAi(Activity activity) =>
        activity.TagObjects.Where(t => t.Key.StartsWith("gen_ai.", StringComparison.Ordinal)).ToDictionary(t => t.Key, t => t.Value);

    /// <summary>A value as text, whatever its CLR type: numbers at float precision, lists (or MEAI's JSON-looking text of one) as JSON.</summary>
    private static string Normalized(object? value) => value switch
    {
        float f => ((double)(decimal)f).ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        string[] list => JsonSerializer.Serialize(list),
        string text when text.StartsWith('[') => JsonSerializer.Serialize(JsonSerializer.Deserialize<string[]>(text)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
