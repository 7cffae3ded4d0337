using System.Text.Json;

namespace Tracentic.Providers.Tests.FakeServers;

/// <summary>Replies in the shapes of OpenAI's HTTP API (Chat Completions, Embeddings, Responses).</summary>
internal static class OpenAIReplies
{
    public const string AnsweredModel = "gpt-4o-mini-2024-07-18";

    /// <param name="cachedTokens">Of the input tokens, those read from the prompt cache (<c>prompt_tokens_details.cached_tokens</c>).</param>
    /// <param name="reasoningTokens">Of the output tokens, those spent reasoning (<c>completion_tokens_details.reasoning_tokens</c>).</param>
    /// <param name="audioTokens">Of the input and of the output tokens, those of audio (<c>audio_tokens</c> in each details object; 0 otherwise).</param>
    public static FakeReply ChatCompletion(
        string id, string text, int inputTokens, int outputTokens, int latencyMs, string finishReason = "stop", int? cachedTokens = null, int? reasoningTokens = null,
        (int Input, int Output)? audioTokens = null) =>
        FakeReply.Json(200, $$$$"""
            {"id":{{{{Q(id)}}}},"object":"chat.completion","created":1700000000,"model":{{{{Q(AnsweredModel)}}}},
             "choices":[{"index":0,"message":{"role":"assistant","content":{{{{Q(text)}}}},"refusal":null},"logprobs":null,"finish_reason":{{{{Q(finishReason)}}}}}],
             "usage":{"prompt_tokens":{{{{inputTokens}}}},"completion_tokens":{{{{outputTokens}}}},"total_tokens":{{{{inputTokens + outputTokens}}}}{{{{Details(cachedTokens, reasoningTokens, audioTokens)}}}}},
             "system_fingerprint":"fp_test"}
            """, latencyMs);

    private static string Details(int? cachedTokens, int? reasoningTokens, (int Input, int Output)? audioTokens) =>
        (cachedTokens is not null || audioTokens is not null
            ? $$$$""","prompt_tokens_details":{"cached_tokens":{{{{cachedTokens ?? 0}}}},"audio_tokens":{{{{audioTokens?.Input ?? 0}}}}}""" : "")
        + (reasoningTokens is not null || audioTokens is not null
            ? $$$$""","completion_tokens_details":{"reasoning_tokens":{{{{reasoningTokens ?? 0}}}},"audio_tokens":{{{{audioTokens?.Output ?? 0}}}}}""" : "");

    /// <summary>Content chunks, a last chunk with the finish reason, then the <c>stream_options.include_usage</c> chunk and [DONE].</summary>
    public static FakeReply ChatStream(string id, string[] parts, int inputTokens, int outputTokens, int firstChunkAfterMs, string finishReason = "stop")
    {
        var events = new List<(string?, string)>();
        string Chunk(string choices, string usage = "null") =>
            $$$$"""{"id":{{{{Q(id)}}}},"object":"chat.completion.chunk","created":1700000000,"model":{{{{Q(AnsweredModel)}}}},"system_fingerprint":"fp_test","choices":{{{{choices}}}},"usage":{{{{usage}}}}}""";

        for (var i = 0; i < parts.Length; i++)
        {
            var role = i == 0 ? "\"role\":\"assistant\"," : "";
            events.Add((null, Chunk($$$$"""[{"index":0,"delta":{{{{{role}}}}"content":{{{{Q(parts[i])}}}}},"logprobs":null,"finish_reason":null}]""")));
        }

        events.Add((null, Chunk($$$$"""[{"index":0,"delta":{},"logprobs":null,"finish_reason":{{{{Q(finishReason)}}}}}]""")));
        events.Add((null, Chunk("[]", $$$$"""{"prompt_tokens":{{{{inputTokens}}}},"completion_tokens":{{{{outputTokens}}}},"total_tokens":{{{{inputTokens + outputTokens}}}}}""")));
        events.Add((null, "[DONE]"));
        return FakeReply.Sse(events, firstChunkAfterMs);
    }

    public static FakeReply Embeddings(string model, int inputTokens, int latencyMs) =>
        FakeReply.Json(200, $$$$"""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.125]}],
             "model":{{{{Q(model)}}}},"usage":{"prompt_tokens":{{{{inputTokens}}}},"total_tokens":{{{{inputTokens}}}}}}
            """, latencyMs);

    public static FakeReply Response(string id, string text, int inputTokens, int outputTokens, int latencyMs) =>
        FakeReply.Json(200, ResponseObject(id, text, inputTokens, outputTokens, "completed"), latencyMs);

    /// <summary>The Responses API's events: created, text deltas, completed (which carries usage and model).</summary>
    public static FakeReply ResponseStream(string id, string[] parts, int inputTokens, int outputTokens, int firstEventAfterMs)
    {
        var events = new List<(string?, string)>
        {
            ("response.created", $$$$"""{"type":"response.created","sequence_number":0,"response":{{{{ResponseObject(id, null, null, null, "in_progress")}}}}}"""),
        };
        var sequence = 1;
        foreach (var part in parts)
        {
            events.Add(("response.output_text.delta",
                $$$$"""{"type":"response.output_text.delta","sequence_number":{{{{sequence++}}}},"item_id":"msg_1","output_index":0,"content_index":0,"delta":{{{{Q(part)}}}},"logprobs":[]}"""));
        }

        events.Add(("response.completed",
            $$$$"""{"type":"response.completed","sequence_number":{{{{sequence}}}},"response":{{{{ResponseObject(id, string.Concat(parts), inputTokens, outputTokens, "completed")}}}}}"""));
        return FakeReply.Sse(events, firstEventAfterMs);
    }

    public static FakeReply RateLimited(int latencyMs) => FakeReply.Json(429, """
        {"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}
        """, latencyMs);

    private static string ResponseObject(string id, string? text, int? inputTokens, int? outputTokens, string status)
    {
        var output = text is null ? "[]" : $$$$"""
            [{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":{{{{Q(text)}}}},"annotations":[]}]}]
            """;
        var usage = inputTokens is null ? "null" : $$$$"""
            {"input_tokens":{{{{inputTokens}}}},"input_tokens_details":{"cached_tokens":0},"output_tokens":{{{{outputTokens}}}},"output_tokens_details":{"reasoning_tokens":0},"total_tokens":{{{{inputTokens + outputTokens}}}}}
            """;
        return $$$$"""
            {"id":{{{{Q(id)}}}},"object":"response","created_at":1700000000,"status":{{{{Q(status)}}}},"model":{{{{Q(AnsweredModel)}}}},"output":{{{{output}}}},
             "parallel_tool_calls":true,"tool_choice":"auto","tools":[],"temperature":1.0,"top_p":1.0,"text":{"format":{"type":"text"}},
             "truncation":"disabled","metadata":{},"error":null,"incomplete_details":null,"instructions":null,"previous_response_id":null,"usage":{{{{usage}}}}}
            """.Replace("\n", "", StringComparison.Ordinal);
    }

    private static string Q(string value) => JsonSerializer.Serialize(value);
}
