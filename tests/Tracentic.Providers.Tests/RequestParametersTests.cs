using System.Diagnostics;
using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using Tracentic.Providers.Tests.FakeServers;
using Tracentic.Providers.Tests.Infrastructure;
using Tracentic.Providers.Tests.Traced;
using Tracentic.Testing;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Tracentic.Providers.Tests;

/// <summary>
/// The request parameters the generator reads from the request argument it sees (<c>ChatOptions</c>,
/// <c>ChatCompletionOptions</c>, <c>MessageCreateParams</c>), with the real clients against the fake servers: on the
/// call's activity and on the standard OTLP output as <c>gen_ai.request.*</c>, typed as the conventions type them;
/// not on the Tracentic ingest, which keeps the Python SDK's attribute set.
/// </summary>
[Collection(nameof(ProcessWideTracentic))]
public sealed class RequestParametersTests
{
    [Fact]
    public async Task ChatOptions_parameters_are_on_the_activity_and_the_standard_otlp_span()
    {
        using var capture = new ActivityCapture();
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        await using var world = await ProviderHarness.StartAsync(o => o.Otlp = new OtlpOutputOptions { Endpoint = otlp.BaseUrl });
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-40", "Paris.", 30, 40, latencyMs: 20));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await chat.GetResponseAsync("Capital of France?", new ChatOptions
        {
            ModelId = "gpt-4o-mini", Temperature = 0.7f, MaxOutputTokens = 100, TopP = 0.9f, TopK = 40, Seed = 7,
            StopSequences = ["END", "STOP"], FrequencyPenalty = 0.5f, PresencePenalty = 0.25f, ConversationId = "conv-40",
            ResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat.Json,
        });
        await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal(0.7, activity.GetTagItem("gen_ai.request.temperature")); // the float as written, not 0.699999988
        Assert.Equal(100L, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0.9, activity.GetTagItem("gen_ai.request.top_p"));
        Assert.Equal(40L, activity.GetTagItem("gen_ai.request.top_k"));
        Assert.Equal(7L, activity.GetTagItem("gen_ai.request.seed"));
        Assert.Equal(new[] { "END", "STOP" }, activity.GetTagItem("gen_ai.request.stop_sequences"));
        Assert.Equal(0.5, activity.GetTagItem("gen_ai.request.frequency_penalty"));
        Assert.Equal(0.25, activity.GetTagItem("gen_ai.request.presence_penalty"));
        Assert.Null(activity.GetTagItem("gen_ai.request.stream"));
        Assert.Equal("conv-40", activity.GetTagItem("gen_ai.conversation.id"));
        Assert.Equal("json", activity.GetTagItem("gen_ai.output.type"));

        var span = Assert.Single(otlp.DeliveredSpans, s => s.GetProperty("kind").GetInt32() == 3);
        var attributes = OtlpTracesReceiver.Attributes(span);
        Assert.Equal(0.7, attributes["gen_ai.request.temperature"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("100", attributes["gen_ai.request.max_tokens"].GetProperty("intValue").GetString());
        Assert.Equal(0.9, attributes["gen_ai.request.top_p"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("40", attributes["gen_ai.request.top_k"].GetProperty("intValue").GetString());
        Assert.Equal("7", attributes["gen_ai.request.seed"].GetProperty("intValue").GetString());
        Assert.Equal(["END", "STOP"], attributes["gen_ai.request.stop_sequences"].GetProperty("arrayValue").GetProperty("values")
            .EnumerateArray().Select(v => v.GetProperty("stringValue").GetString()));
        Assert.Equal(0.5, attributes["gen_ai.request.frequency_penalty"].GetProperty("doubleValue").GetDouble());
        Assert.Equal(0.25, attributes["gen_ai.request.presence_penalty"].GetProperty("doubleValue").GetDouble());
        Assert.Equal("conv-40", attributes["gen_ai.conversation.id"].GetProperty("stringValue").GetString());
        Assert.Equal("json", attributes["gen_ai.output.type"].GetProperty("stringValue").GetString());

        // The ingest keeps the Python SDK's attributes: no request parameters there.
        Assert.DoesNotContain("gen_ai.request.", world.ExportedBodies(), StringComparison.Ordinal);
        Assert.DoesNotContain("gen_ai.conversation.id", world.ExportedBodies(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_call_site_has_the_current_code_names_on_activities_and_standard_otlp_and_the_old_ones_on_the_ingest()
    {
        const string Caller = "Tracentic.Providers.Tests.RequestParametersTests.The_call_site_has_the_current_code_names_on_activities_and_standard_otlp_and_the_old_ones_on_the_ingest";
        using var capture = new ActivityCapture();
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        await using var world = await ProviderHarness.StartAsync(o => o.Otlp = new OtlpOutputOptions { Endpoint = otlp.BaseUrl });
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-44", "Paris.", 30, 40, latencyMs: 20));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await chat.GetResponseAsync("Capital of France?", new ChatOptions { ModelId = "gpt-4o-mini" });
        var ingest = await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal(Caller, activity.GetTagItem("code.function.name"));
        Assert.Equal("RequestParametersTests.cs", activity.GetTagItem("code.file.path"));
        Assert.IsType<int>(activity.GetTagItem("code.line.number"));
        Assert.DoesNotContain(activity.TagObjects, t => t.Key is "code.function" or "code.filepath" or "code.lineno");

        var attributes = OtlpTracesReceiver.Attributes(Assert.Single(otlp.DeliveredSpans, s => s.GetProperty("kind").GetInt32() == 3));
        Assert.Equal(Caller, attributes["code.function.name"].GetProperty("stringValue").GetString());
        Assert.Equal("RequestParametersTests.cs", attributes["code.file.path"].GetProperty("stringValue").GetString());
        Assert.True(attributes.ContainsKey("code.line.number"));
        Assert.DoesNotContain(attributes.Keys, k => k is "code.function" or "code.filepath" or "code.lineno");

        // The ingest keeps the names it has always had (the Python SDK sends no call site to compare with).
        Assert.Equal("RequestParametersTests.The_call_site_has_the_current_code_names_on_activities_and_standard_otlp_and_the_old_ones_on_the_ingest", ingest["code.function"]);
        Assert.Equal("RequestParametersTests.cs", ingest["code.filepath"]);
        Assert.False(ingest.Attributes.ContainsKey("code.function.name"));
    }

    [Fact]
    public async Task Options_that_set_nothing_add_no_request_attributes()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-41", "Paris.", 30, 40, latencyMs: 20));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await chat.GetResponseAsync("Capital of France?", new ChatOptions { ModelId = "gpt-4o-mini" });
        await world.SingleSpanAsync();

        Assert.DoesNotContain(capture.SingleCall().TagObjects, t => t.Key.StartsWith("gen_ai.request.", StringComparison.Ordinal) && t.Key != "gen_ai.request.model");
    }

    [Fact]
    public async Task ChatCompletionOptions_parameters_are_read_without_the_experimental_seed()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatCompletion("chatcmpl-42", "Paris.", 30, 40, latencyMs: 20));
        var options = new ChatCompletionOptions
        {
            Temperature = 0.2f, MaxOutputTokenCount = 64, TopP = 0.5f, FrequencyPenalty = 0.1f, PresencePenalty = 0.3f,
#pragma warning disable OPENAI001 // Seed is experimental: the generator leaves it alone (reading it would be OPENAI001 in generated code)
            Seed = 11,
#pragma warning restore OPENAI001
        };
        options.StopSequences.Add("\n\n");

        await new OpenAIChat(world.OpenAIChat("gpt-4o-mini")).CompleteWithOptionsAsync("gpt-4o-mini", "Capital of France?", options);
        await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal(0.2, activity.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(64L, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0.5, activity.GetTagItem("gen_ai.request.top_p"));
        Assert.Equal(0.1, activity.GetTagItem("gen_ai.request.frequency_penalty"));
        Assert.Equal(0.3, activity.GetTagItem("gen_ai.request.presence_penalty"));
        Assert.Equal(new[] { "\n\n" }, activity.GetTagItem("gen_ai.request.stop_sequences"));
        Assert.Null(activity.GetTagItem("gen_ai.request.seed"));
    }

    [Fact]
    public async Task MessageCreateParams_max_tokens_and_stop_sequences_are_read()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(AnthropicReplies.Message("msg_40", "Paris.", 30, 40, latencyMs: 20));

        await new AnthropicMessages(world.Anthropic()).CreateAsync(new MessageCreateParams
        {
            Model = "claude-sonnet-4-20250514",
            MaxTokens = 256,
            StopSequences = ["</answer>"],
            Messages = [new UserMessageParam("Capital of France?")],
        });
        await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal("claude-sonnet-4-20250514", activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal(256L, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(new[] { "</answer>" }, activity.GetTagItem("gen_ai.request.stop_sequences"));
    }

    [Fact]
    public async Task A_streamed_call_is_marked_stream_and_carries_its_time_to_first_chunk()
    {
        using var capture = new ActivityCapture();
        await using var otlp = await OtlpTracesReceiver.StartAsync();
        await using var world = await ProviderHarness.StartAsync(o => o.Otlp = new OtlpOutputOptions { Endpoint = otlp.BaseUrl });
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-43", ["Pa", "ris."], 30, 40, firstChunkAfterMs: 35));
        var chat = new ExtensionsAIChat(world.OpenAIChat("gpt-4o-mini").AsIChatClient(), null!);

        await foreach (var update in chat.GetStreamingResponseAsync("Capital of France?", new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 50 }))
        {
            world.Clock.Advance(TimeSpan.FromMilliseconds(10)); // each later chunk comes 10 ms after the one before
        }

        await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal(true, activity.GetTagItem("gen_ai.request.stream"));
        Assert.Equal(50L, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0.035, (double)activity.GetTagItem("gen_ai.response.time_to_first_chunk")!, 6);

        var attributes = OtlpTracesReceiver.Attributes(Assert.Single(otlp.DeliveredSpans, s => s.GetProperty("kind").GetInt32() == 3));
        Assert.True(attributes["gen_ai.request.stream"].GetProperty("boolValue").GetBoolean());
        Assert.Equal(0.035, attributes["gen_ai.response.time_to_first_chunk"].GetProperty("doubleValue").GetDouble(), 6);

        // The chunk metrics, per chunk as Microsoft.Extensions.AI records them: the first from the call, the rest 10 ms apart.
        var first = Assert.Single(capture.Measurements("Tracentic", "gen_ai.client.operation.time_to_first_chunk"));
        Assert.Equal(0.035, first.Value, 6);
        Assert.Equal("chat", first.Tags["gen_ai.operation.name"]);
        Assert.Equal("openai", first.Tags["gen_ai.provider.name"]);
        Assert.Equal("gpt-4o-mini", first.Tags["gen_ai.request.model"]);
        var later = capture.Measurements("Tracentic", "gen_ai.client.operation.time_per_output_chunk");
        Assert.NotEmpty(later);
        Assert.All(later, m => Assert.Equal(0.010, m.Value, 6));
        Assert.All(later, m => Assert.Equal(OpenAIReplies.AnsweredModel, m.Tags["gen_ai.response.model"]));
    }

    [Fact]
    public async Task Every_kind_of_stream_is_marked_stream_with_its_time_to_first_chunk()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-45", ["Pa", "ris."], 30, 40, firstChunkAfterMs: 20));
        world.Provider.Reply(OpenAIReplies.ChatStream("chatcmpl-46", ["Pa", "ris."], 30, 40, firstChunkAfterMs: 25));
        world.Provider.Reply(AnthropicReplies.MessageStream("msg_45", ["Pa", "ris."], 30, 40, firstEventAfterMs: 30));
        var openAI = new OpenAIChat(world.OpenAIChat("gpt-4o-mini"));

        await foreach (var _ in openAI.StreamAsync("gpt-4o-mini", "Capital of France?")) // the SDK's own AsyncCollectionResult
        {
        }

        foreach (var _ in openAI.Stream("gpt-4o-mini", "Capital of France?")) // its synchronous CollectionResult
        {
        }

        await foreach (var _ in new AnthropicMessages(world.Anthropic()).StreamAsync(new MessageCreateParams
        {
            Model = "claude-sonnet-4-20250514", MaxTokens = 64, Messages = [new UserMessageParam("Capital of France?")],
        }))
        {
        }

        var calls = capture.From("Tracentic").Where(a => a.Kind == System.Diagnostics.ActivityKind.Client).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, a => Assert.Equal(true, a.GetTagItem("gen_ai.request.stream")));
        Assert.Equal([0.020, 0.025, 0.030], calls.Select(a => Math.Round((double)a.GetTagItem("gen_ai.response.time_to_first_chunk")!, 6)));
        Assert.Equal(64L, calls[2].GetTagItem("gen_ai.request.max_tokens"));
    }

    [Fact]
    public async Task EmbeddingGenerationOptions_give_the_model_and_the_dimension_count()
    {
        using var capture = new ActivityCapture();
        await using var world = await ProviderHarness.StartAsync();
        world.Provider.Reply(OpenAIReplies.Embeddings("text-embedding-3-small", inputTokens: 6, latencyMs: 5));
        var chat = new ExtensionsAIChat(null!, world.OpenAIEmbeddings("text-embedding-3-small").AsIEmbeddingGenerator());

        await chat.EmbedAsync(["hello"], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small", Dimensions = 256 });
        await world.SingleSpanAsync();

        var activity = capture.SingleCall();
        Assert.Equal("embeddings text-embedding-3-small", activity.DisplayName);
        Assert.Equal(256L, activity.GetTagItem("gen_ai.embeddings.dimension.count"));
    }
}
