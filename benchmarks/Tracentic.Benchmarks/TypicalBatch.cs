using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// The export benchmarks' batch of typical recorded spans: 8 scopes with 2 attributes, 2 global attributes (those of
/// <see cref="Engine"/>), tokens and a priced model, 2 span attributes, 1 in 16 an error.
/// </summary>
internal static class TypicalBatch
{
    /// <summary>An engine with the batch's global attributes and the prices of its two models, exporting to a discarding output.</summary>
    public static TracenticEngine Engine() => new(new TracenticOptions
    {
        ServiceName = "bench",
        GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
        CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0), ["claude-sonnet-4-20250514"] = new ModelPricing(3.0, 15.0) },
    }, new ExportSetup { Output = (_, _) => new DiscardExporter(), HookExits = false });

    public static RecordedSpan[] Recorded(TracenticEngine engine, int size)
    {
        var scopes = Enumerable.Range(0, 8)
            .Select(i => engine.Begin($"rag-pipeline-{i}", new() { ["user_id"] = $"user-{i}", ["tier"] = "gold" }, correlationId: $"order-{i}"))
            .ToArray();
        var start = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, size).Select(i =>
        {
            var span = new TracenticSpan
            {
                StartedAt = start.AddMilliseconds(i),
                EndedAt = start.AddMilliseconds(i + 850),
                Provider = i % 2 == 0 ? "openai" : "anthropic",
                Model = i % 2 == 0 ? "gpt-4o" : "claude-sonnet-4-20250514",
                InputTokens = 1000 + i,
                OutputTokens = 200 + i,
                OperationType = "chat",
                Attributes = new() { ["step"] = "synthesis", ["attempt"] = i % 3 },
            };
            return new RecordedSpan
            {
                Call = new RecordedCall
                {
                    Scope = scopes[i % scopes.Length],
                    StartUnixNanos = UnixNanos.Of(span.StartedAt),
                    EndUnixNanos = UnixNanos.Of(span.EndedAt),
                    Provider = span.Provider,
                    Model = span.Model,
                    OperationType = span.OperationType,
                    InputTokens = span.InputTokens,
                    OutputTokens = span.OutputTokens,
                    Attributes = RecordedSpan.CopyAttributes(span.Attributes),
                    GlobalContext = TracenticGlobalContext.Current.Snapshot,
                    Error = i % 16 == 0 ? new RecordedError("HttpRequestException", null, "Response status code does not indicate success: 429 (Too Many Requests).") : null,
                },
            };
        })];
    }
}
