namespace Tracentic.Benchmarks;

/// <summary>The span the recording benchmarks record: a chat call with tokens and a price, no attributes of its own.</summary>
internal static class BenchmarkSpan
{
    public static TracenticSpan Chat()
    {
        var start = DateTimeOffset.UtcNow;
        return new TracenticSpan
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
}
