using System.Text.Json;

namespace Tracentic.Providers.Tests.FakeServers;

/// <summary>Replies in the shapes of Anthropic's Messages API, plain and streamed.</summary>
internal static class AnthropicReplies
{
    public const string AnsweredModel = "claude-sonnet-4-20250514";

    /// <param name="cacheReadTokens">Tokens read from the prompt cache, beside <paramref name="inputTokens"/> (<c>cache_read_input_tokens</c>).</param>
    /// <param name="cacheWriteTokens">Tokens written to the cache, beside them too (<c>cache_creation_input_tokens</c>).</param>
    public static FakeReply Message(string id, string text, int inputTokens, int outputTokens, int latencyMs, string stopReason = "end_turn", int? cacheReadTokens = null, int? cacheWriteTokens = null) =>
        FakeReply.Json(200, $$$$"""
            {"id":{{{{Q(id)}}}},"type":"message","role":"assistant","model":{{{{Q(AnsweredModel)}}}},
             "content":[{"type":"text","text":{{{{Q(text)}}}}}],"stop_reason":{{{{Q(stopReason)}}}},"stop_sequence":null,
             "usage":{"input_tokens":{{{{inputTokens}}}},"output_tokens":{{{{outputTokens}}}}{{{{Cache(cacheReadTokens, cacheWriteTokens)}}}}}}
            """, latencyMs);

    private static string Cache(int? read, int? write) =>
        (read is { } r ? $$$$""","cache_read_input_tokens":{{{{r}}}}""" : "") + (write is { } w ? $$$$""","cache_creation_input_tokens":{{{{w}}}}""" : "");

    /// <summary>message_start (input tokens), text deltas, message_delta (stop reason, output tokens), message_stop.</summary>
    public static FakeReply MessageStream(string id, string[] parts, int inputTokens, int outputTokens, int firstEventAfterMs, string stopReason = "end_turn")
    {
        var events = new List<(string?, string)>
        {
            ("message_start", $$$$"""
                {"type":"message_start","message":{"id":{{{{Q(id)}}}},"type":"message","role":"assistant","model":{{{{Q(AnsweredModel)}}}},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":{{{{inputTokens}}}},"output_tokens":1}}}
                """),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        };
        foreach (var part in parts)
        {
            events.Add(("content_block_delta", $$$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{{Q(part)}}}}}}"""));
        }

        events.Add(("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(("message_delta", $$$$"""{"type":"message_delta","delta":{"stop_reason":{{{{Q(stopReason)}}}},"stop_sequence":null},"usage":{"output_tokens":{{{{outputTokens}}}}}}"""));
        events.Add(("message_stop", """{"type":"message_stop"}"""));
        return FakeReply.Sse(events, firstEventAfterMs);
    }

    public static FakeReply RateLimited(int latencyMs) => FakeReply.Json(429, """
        {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}
        """, latencyMs);

    private static string Q(string value) => JsonSerializer.Serialize(value);
}
