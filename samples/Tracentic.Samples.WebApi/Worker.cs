using Tracentic;

namespace WebApiSample;

/// <summary>
/// Handles /summarize with the runtime API (Begin, RecordSpan, RecordError) on the worker host's own engine.
/// With LinkIncomingScope on, Begin makes the scope a child of the gateway scope named in the request's
/// x-tracentic-scope-id header: nothing here reads the header.
/// </summary>
public sealed class SummarizeHandler(ITracentic tracentic, FakeModel model, TimeProvider clock)
{
    public async Task<IResult> SummarizeAsync(string topic, CancellationToken cancellationToken)
    {
        var scope = tracentic.Begin("worker.summarize", new() { ["topic"] = topic });
        var span = new TracenticSpan { Provider = "fake-ai", OperationType = "chat", Model = FakeModel.Large, StartedAt = clock.GetUtcNow() };
        try
        {
            var response = await model.CompleteAsync(FakeModel.Large, $"summarize: {topic}", cancellationToken);
            span.EndedAt = clock.GetUtcNow();
            span.Model = response.ModelId;
            span.InputTokens = response.Usage?.InputTokenCount;
            span.OutputTokens = response.Usage?.OutputTokenCount;
            tracentic.RecordSpan(scope, span);
            return Results.Text(response.Text);
        }
        catch (TimeoutException ex)
        {
            span.EndedAt = clock.GetUtcNow();
            tracentic.RecordError(scope, span, ex);
            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }
    }
}
