using System.Collections.Generic;

namespace Tracentic.Generators.Providers;

/// <summary>
/// What Tracentic knows about the provider SDKs, as data, in one place: the response and stream update types it
/// reads usage from, the request types it reads the requested model from, and the wrappers around them.
/// Adding a provider type is adding a row here (and a test against the real client in Tracentic.Providers.Tests).
/// </summary>
internal static class ProviderTable
{
    /// <summary>SDK result wrappers read through to their value: OpenAI's <c>ClientResult&lt;T&gt;</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Wrappers = new Dictionary<string, string>
    {
        ["System.ClientModel.ClientResult`1"] = "Value",
    };

    /// <summary>Stream types generated code can return a traced instance of (their items are the updates).</summary>
    public const string AsyncCollectionResult = "System.ClientModel.AsyncCollectionResult`1";
    public const string CollectionResult = "System.ClientModel.CollectionResult`1";

    public static readonly IReadOnlyList<KnownResponse> Responses = new[]
    {
        // OpenAI 2.x: Chat Completions, embeddings, Responses.
        new KnownResponse("OpenAI.Chat.ChatCompletion")
        {
            InputTokens = "Usage.InputTokenCount", OutputTokens = "Usage.OutputTokenCount", Model = "Model",
            CacheReadTokens = "Usage.InputTokenDetails.CachedTokenCount", ReasoningTokens = "Usage.OutputTokenDetails.ReasoningTokenCount",
            InputAudioTokens = "Usage.InputTokenDetails.AudioTokenCount", OutputAudioTokens = "Usage.OutputTokenDetails.AudioTokenCount",
            FinishReason = "FinishReason", ResponseId = "Id", OutputText = "Content[*].Text",
        },
        new KnownResponse("OpenAI.Chat.StreamingChatCompletionUpdate")
        {
            // Usage arrives on the last chunk when stream_options.include_usage is set (the SDK sets it).
            InputTokens = "Usage.InputTokenCount", OutputTokens = "Usage.OutputTokenCount", Model = "Model",
            CacheReadTokens = "Usage.InputTokenDetails.CachedTokenCount", ReasoningTokens = "Usage.OutputTokenDetails.ReasoningTokenCount",
            InputAudioTokens = "Usage.InputTokenDetails.AudioTokenCount", OutputAudioTokens = "Usage.OutputTokenDetails.AudioTokenCount",
            FinishReason = "FinishReason", ResponseId = "CompletionId", OutputText = "ContentUpdate[*].Text", IsStreamUpdate = true,
        },
        new KnownResponse("OpenAI.Embeddings.OpenAIEmbeddingCollection")
        {
            InputTokens = "Usage.InputTokenCount", Model = "Model", NoOutputTokens = true,
        },
        new KnownResponse("OpenAI.Responses.ResponseResult")
        {
            InputTokens = "Usage.InputTokenCount", OutputTokens = "Usage.OutputTokenCount", Model = "Model",
            CacheReadTokens = "Usage.InputTokenDetails.CachedTokenCount", ReasoningTokens = "Usage.OutputTokenDetails.ReasoningTokenCount",
            FinishReason = "Status", ResponseId = "Id", OutputText = "GetOutputText()",
        },
        new KnownResponse("OpenAI.Responses.StreamingResponseUpdate")
        {
            // The completed event carries the whole response; text arrives as deltas before it.
            InputTokens = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Usage.InputTokenCount",
            OutputTokens = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Usage.OutputTokenCount",
            CacheReadTokens = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Usage.InputTokenDetails.CachedTokenCount",
            ReasoningTokens = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Usage.OutputTokenDetails.ReasoningTokenCount",
            Model = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Model | [OpenAI.Responses.StreamingResponseCreatedUpdate]Response.Model",
            FinishReason = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Status",
            ResponseId = "[OpenAI.Responses.StreamingResponseCompletedUpdate]Response.Id | [OpenAI.Responses.StreamingResponseCreatedUpdate]Response.Id",
            OutputText = "[OpenAI.Responses.StreamingResponseOutputTextDeltaUpdate]Delta",
            IsStreamUpdate = true,
        },

        // Anthropic 13.x: Messages, plain and as raw stream events (usage sits in message_start and message_delta).
        new KnownResponse("Anthropic.Models.Messages.Message")
        {
            InputTokens = "Usage.InputTokens", OutputTokens = "Usage.OutputTokens", Model = "Model",
            CacheReadTokens = "Usage.CacheReadInputTokens", CacheWriteTokens = "Usage.CacheCreationInputTokens", CacheTokensSeparate = true,
            FinishReason = "StopReason", ResponseId = "ID", OutputText = "Content[*]~TryPickText.Text",
        },
        new KnownResponse("Anthropic.Models.Messages.RawMessageStreamEvent")
        {
            InputTokens = "~TryPickStart.Message.Usage.InputTokens | ~TryPickDelta.Usage.InputTokens",
            OutputTokens = "~TryPickStart.Message.Usage.OutputTokens | ~TryPickDelta.Usage.OutputTokens",
            CacheReadTokens = "~TryPickStart.Message.Usage.CacheReadInputTokens | ~TryPickDelta.Usage.CacheReadInputTokens",
            CacheWriteTokens = "~TryPickStart.Message.Usage.CacheCreationInputTokens | ~TryPickDelta.Usage.CacheCreationInputTokens",
            CacheTokensSeparate = true,
            Model = "~TryPickStart.Message.Model",
            FinishReason = "~TryPickDelta.Delta.StopReason",
            ResponseId = "~TryPickStart.Message.ID",
            OutputText = "~TryPickContentBlockDelta.Delta~TryPickText.Text",
            IsStreamUpdate = true,
        },
        new KnownResponse("Anthropic.Models.Beta.Messages.BetaMessage")
        {
            InputTokens = "Usage.InputTokens", OutputTokens = "Usage.OutputTokens", Model = "Model",
            CacheReadTokens = "Usage.CacheReadInputTokens", CacheWriteTokens = "Usage.CacheCreationInputTokens", CacheTokensSeparate = true,
            FinishReason = "StopReason", ResponseId = "ID", OutputText = "Content[*]~TryPickText.Text",
        },
        new KnownResponse("Anthropic.Models.Beta.Messages.BetaRawMessageStreamEvent")
        {
            InputTokens = "~TryPickStart.Message.Usage.InputTokens | ~TryPickDelta.Usage.InputTokens",
            OutputTokens = "~TryPickStart.Message.Usage.OutputTokens | ~TryPickDelta.Usage.OutputTokens",
            CacheReadTokens = "~TryPickStart.Message.Usage.CacheReadInputTokens | ~TryPickDelta.Usage.CacheReadInputTokens",
            CacheWriteTokens = "~TryPickStart.Message.Usage.CacheCreationInputTokens | ~TryPickDelta.Usage.CacheCreationInputTokens",
            CacheTokensSeparate = true,
            Model = "~TryPickStart.Message.Model",
            FinishReason = "~TryPickDelta.Delta.StopReason",
            ResponseId = "~TryPickStart.Message.ID",
            OutputText = "~TryPickContentBlockDelta.Delta~TryPickText.Text",
            IsStreamUpdate = true,
        },

        // Microsoft.Extensions.AI 10.x: chat responses, stream updates (usage is a content item), embeddings.
        new KnownResponse("Microsoft.Extensions.AI.ChatResponse")
        {
            InputTokens = "Usage.InputTokenCount", OutputTokens = "Usage.OutputTokenCount", Model = "ModelId",
            CacheReadTokens = "Usage.CachedInputTokenCount", ReasoningTokens = "Usage.ReasoningTokenCount",
            FinishReason = "FinishReason.Value", ResponseId = "ResponseId", OutputText = "Text",
        },
        new KnownResponse("Microsoft.Extensions.AI.ChatResponseUpdate")
        {
            InputTokens = "Contents[*][Microsoft.Extensions.AI.UsageContent]Details.InputTokenCount",
            OutputTokens = "Contents[*][Microsoft.Extensions.AI.UsageContent]Details.OutputTokenCount",
            CacheReadTokens = "Contents[*][Microsoft.Extensions.AI.UsageContent]Details.CachedInputTokenCount",
            ReasoningTokens = "Contents[*][Microsoft.Extensions.AI.UsageContent]Details.ReasoningTokenCount",
            Model = "ModelId", FinishReason = "FinishReason.Value", ResponseId = "ResponseId", OutputText = "Text", IsStreamUpdate = true,
        },
        new KnownResponse("Microsoft.Extensions.AI.GeneratedEmbeddings`1")
        {
            InputTokens = "Usage.InputTokenCount", OutputTokens = "Usage.OutputTokenCount", NoOutputTokens = true,
        },
    };

    /// <summary>Request arguments and message types the input messages are read from when content capture is on.</summary>
    public static readonly IReadOnlyList<KnownMessages> Messages = new[]
    {
        new KnownMessages("Anthropic.Models.Messages.MessageCreateParams", "Messages", "Role",
            "Content~TryPickString | Content~TryPickContentBlockParams[*]~TryPickText.Text"),
        // The Responses API's input items: messages among other items (tool outputs, reasoning...), which have no text.
        new KnownMessages("OpenAI.Responses.CreateResponseOptions", "InputItems", "[OpenAI.Responses.MessageResponseItem]Role",
            "[OpenAI.Responses.MessageResponseItem]Content[*].Text"),
        new KnownMessages("Microsoft.Extensions.AI.ChatMessage", null, "Role.Value", "Text"),
        new KnownMessages("OpenAI.Chat.ChatMessage", null, null, "Content[*].Text"),
    };

    /// <summary>
    /// Request arguments the requested model is read from, when no <c>[TracenticModel]</c> argument names it. OpenAI's
    /// <c>ChatClient.Model</c> and <c>EmbeddingClient.Model</c> are experimental (OPENAI001) in 2.15: reading them put that
    /// error in generated code, so those clients are not rows (name the model with <c>[TracenticModel]</c>).
    /// </summary>
    public static readonly IReadOnlyList<KnownRequest> Requests = new[]
    {
        new KnownRequest("Anthropic.Models.Messages.MessageCreateParams", "Model"),
        new KnownRequest("Anthropic.Models.Beta.Messages.MessageCreateParams", "Model"),
        new KnownRequest("OpenAI.Responses.CreateResponseOptions", "Model"),
        new KnownRequest("Microsoft.Extensions.AI.ChatOptions", "ModelId"),
        new KnownRequest("Microsoft.Extensions.AI.EmbeddingGenerationOptions", "ModelId"),
    };

    /// <summary>
    /// Request arguments the request parameters are read from (<c>gen_ai.request.*</c>), as Microsoft.Extensions.AI reads
    /// them from <c>ChatOptions</c>. What the tested SDK versions do not have is not listed: OpenAI's <c>Seed</c> is
    /// experimental (OPENAI001, never read by generated code), Anthropic 13.x has no sampling parameters, and no
    /// provider type exposes a choice count publicly.
    /// </summary>
    public static readonly IReadOnlyList<KnownRequestParameters> RequestParameters = new[]
    {
        new KnownRequestParameters("Microsoft.Extensions.AI.ChatOptions")
        {
            Temperature = "Temperature", MaxTokens = "MaxOutputTokens", TopP = "TopP", TopK = "TopK", Seed = "Seed",
            StopSequences = "StopSequences", FrequencyPenalty = "FrequencyPenalty", PresencePenalty = "PresencePenalty",
            ConversationId = "ConversationId",
            OutputFormat = "ResponseFormat",
            OutputTypes = [("Microsoft.Extensions.AI.ChatResponseFormatText", "text"), ("Microsoft.Extensions.AI.ChatResponseFormatJson", "json")],
        },
        new KnownRequestParameters("OpenAI.Chat.ChatCompletionOptions")
        {
            Temperature = "Temperature", MaxTokens = "MaxOutputTokenCount", TopP = "TopP",
            StopSequences = "StopSequences", FrequencyPenalty = "FrequencyPenalty", PresencePenalty = "PresencePenalty",
        },
        new KnownRequestParameters("OpenAI.Responses.CreateResponseOptions")
        {
            Temperature = "Temperature", MaxTokens = "MaxOutputTokenCount", TopP = "TopP",
            ConversationId = "ConversationOptions.ConversationId",
        },
        new KnownRequestParameters("Microsoft.Extensions.AI.EmbeddingGenerationOptions") { EmbeddingDimensions = "Dimensions" },
        new KnownRequestParameters("OpenAI.Embeddings.EmbeddingGenerationOptions") { EmbeddingDimensions = "Dimensions" },
        new KnownRequestParameters("Anthropic.Models.Messages.MessageCreateParams") { MaxTokens = "MaxTokens", StopSequences = "StopSequences" },
        new KnownRequestParameters("Anthropic.Models.Beta.Messages.MessageCreateParams") { MaxTokens = "MaxTokens", StopSequences = "StopSequences" },
    };

    /// <summary>
    /// Request arguments the system instructions and tool definitions are read from when content capture is on
    /// (<c>gen_ai.system_instructions</c>, <c>gen_ai.tool.definitions</c>). Chat Completions has no instructions apart
    /// from its system messages, which are input messages.
    /// </summary>
    public static readonly IReadOnlyList<KnownInstructions> Instructions = new[]
    {
        new KnownInstructions("Microsoft.Extensions.AI.ChatOptions")
        {
            SystemInstructions = "Instructions", Tools = "Tools", ToolName = "Name", ToolDescription = "Description",
        },
        new KnownInstructions("OpenAI.Chat.ChatCompletionOptions")
        {
            Tools = "Tools", ToolName = "FunctionName", ToolDescription = "FunctionDescription",
        },
        new KnownInstructions("OpenAI.Responses.CreateResponseOptions")
        {
            SystemInstructions = "Instructions", Tools = "Tools",
            ToolName = "[OpenAI.Responses.FunctionTool]FunctionName", ToolDescription = "[OpenAI.Responses.FunctionTool]FunctionDescription",
        },
        new KnownInstructions("Anthropic.Models.Messages.MessageCreateParams")
        {
            SystemInstructions = "System~TryPickString | System~TryPickTextBlockParams[*].Text",
            Tools = "Tools", ToolName = "~TryPickTool.Name", ToolDescription = "~TryPickTool.Description",
        },
        new KnownInstructions("Anthropic.Models.Beta.Messages.MessageCreateParams")
        {
            SystemInstructions = "System~TryPickString | System~TryPickBetaTextBlockParams[*].Text",
            Tools = "Tools", ToolName = "~TryPickBetaTool.Name", ToolDescription = "~TryPickBetaTool.Description",
        },
    };
}
