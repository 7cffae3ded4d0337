using Microsoft.Extensions.AI;

namespace WebApiSample;

/// <summary>
/// A deterministic stand-in for a chat model, returning the real Microsoft.Extensions.AI types with model id and
/// token usage. It cannot summarize the topic "unknown": that request times out, as real calls sometimes do.
/// </summary>
public sealed class FakeModel
{
    public const string Mini = "fake-mini";
    public const string Large = "fake-large";

    public static Dictionary<string, Tracentic.ModelPricing> Pricing() => new()
    {
        [Mini] = new(0.15, 0.60),
        [Large] = new(2.50, 10.00),
    };

    private static readonly Dictionary<string, string> Summaries = new(StringComparer.Ordinal)
    {
        ["cost"] = "Cost = input tokens x input price + output tokens x output price, per million, from CustomPricing.",
        ["linking"] = "Send the scope id in the x-tracentic-scope-id header; the receiver passes it as parentScopeId.",
    };

    public async Task<ChatResponse> CompleteAsync(string model, string prompt, CancellationToken cancellationToken)
    {
        await Task.Delay(model == Large ? 20 : 6, cancellationToken);
        string text;
        if (prompt.StartsWith("classify:", StringComparison.Ordinal))
        {
            text = prompt.Contains("cost", StringComparison.OrdinalIgnoreCase) ? "cost"
                : prompt.Contains("link", StringComparison.OrdinalIgnoreCase) ? "linking"
                : "unknown";
        }
        else if (prompt.StartsWith("summarize:", StringComparison.Ordinal))
        {
            var topic = prompt["summarize:".Length..].Trim();
            text = Summaries.TryGetValue(topic, out var summary)
                ? summary
                : throw new TimeoutException($"{model} did not answer within 30 s");
        }
        else
        {
            text = "?";
        }

        long input = Tokens(prompt), output = Tokens(text);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    private static long Tokens(string text) => Math.Max(1, (text.Length + 3) / 4);
}
