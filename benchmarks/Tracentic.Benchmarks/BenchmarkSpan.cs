namespace Tracentic.Benchmarks;

/// <summary>The span the recording benchmarks record: a chat call with tokens and a price, no attributes of its own.</summary>
internal static class BenchmarkSpan
{
    public static TracenticSpan Chat() => Chat(DateTimeOffset.UtcNow);

    /// <summary>The same, started at <paramref name="start"/> (for a loop that makes one per call without reading the clock).</summary>
    public static TracenticSpan Chat(DateTimeOffset start) =>
        new()
        {
            StartedAt = start,
            EndedAt = start.AddMilliseconds(250),
            Provider = "openai",
            Model = "gpt-4o",
            InputTokens = 1200,
            OutputTokens = 300,
            OperationType = "chat",
        };
}
