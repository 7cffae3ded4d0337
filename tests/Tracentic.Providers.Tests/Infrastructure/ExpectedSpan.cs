using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Providers.Tests.Infrastructure;

/// <summary>
/// Everything the issue asks a provider span to carry, stated in full by each test: a field left null must be
/// absent from the exported span, so a test cannot pass by leaving something out.
/// </summary>
internal sealed record ExpectedSpan
{
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public required string? RequestModel { get; init; }
    public required string? ResponseModel { get; init; }
    public required long? InputTokens { get; init; }
    public required long? OutputTokens { get; init; }
    public required long DurationMs { get; init; }
    public required double? TimeToFirstTokenMs { get; init; }
    public required string? FinishReason { get; init; }
    public required string? ResponseId { get; init; }
    /// <summary>Null for success; else the exception type name recorded as <c>llm.error.type</c>.</summary>
    public string? ErrorType { get; init; }

    public void AssertMatches(ReceivedSpan span)
    {
        Assert.Equal(Name, span.Name);
        Assert.Equal(Provider, span["llm.provider"]);
        Assert.Equal(RequestModel, span["llm.request.model"]);
        Assert.Equal(ResponseModel, span["llm.response.model"]);
        Assert.Equal(InputTokens, span["llm.usage.input_tokens"]);
        Assert.Equal(OutputTokens, span["llm.usage.output_tokens"]);
        Assert.Equal(InputTokens is { } i && OutputTokens is { } o ? i + o : null, span["llm.usage.total_tokens"]);
        Assert.Equal(DurationMs, span["llm.duration_ms"]);
        Assert.Equal(TimeToFirstTokenMs, span["llm.time_to_first_token_ms"]);
        Assert.Equal(FinishReason, span["llm.response.finish_reason"]);
        Assert.Equal(ResponseId, span["llm.response.id"]);
        Assert.Equal(ErrorType, span["llm.error.type"]);
        Assert.Equal(ErrorType is null ? 1 : 2, span.StatusCode);

        // Cost: priced by the model asked for, else by the model that answered; never for an error.
        var pricing = RequestModel is not null && ProviderHarness.Pricing.TryGetValue(RequestModel, out var byRequest) ? byRequest
            : ResponseModel is not null && ProviderHarness.Pricing.TryGetValue(ResponseModel, out var byResponse) ? byResponse
            : null;
        if (ErrorType is null && pricing is not null && InputTokens is { } input && OutputTokens is { } output)
        {
            var cost = Assert.IsType<double>(span["llm.cost.total_usd"]);
            Assert.Equal(input / 1e6 * pricing.InputPerMillion + output / 1e6 * pricing.OutputPerMillion, cost, 12);
        }
        else
        {
            Assert.Null(span["llm.cost.total_usd"]);
        }
    }
}
