using Microsoft.Extensions.AI;
using Tracentic;

namespace WebApiSample;

/// <summary>The gateway's LLM calls: each call is one span, priced from the ChatResponse's ModelId and Usage.</summary>
public sealed class GatewayModel(FakeModel model)
{
    [TracenticLlmCall(Provider = "fake-ai", OperationType = "chat")]
    public Task<ChatResponse> ClassifyAsync(string question, CancellationToken cancellationToken) =>
        model.CompleteAsync(FakeModel.Mini, $"classify: {question}", cancellationToken);
}

/// <summary>What the gateway answers.</summary>
public sealed record AskResult(string Topic, string Answer, bool Degraded);

/// <summary>
/// Handles /ask: classifies the question, then asks the worker for a summary of the topic. The scope this
/// method runs in is ambient during the worker call, so the propagation handler on the "worker" HttpClient
/// sends its id in the x-tracentic-scope-id header (TracenticHeaders.Scope).
/// </summary>
public sealed class AskHandler(GatewayModel model, IHttpClientFactory clients)
{
    [TracenticScope("gateway.ask")]
    public async Task<AskResult> AskAsync([TracenticCorrelationId] string requestId, string question, CancellationToken cancellationToken)
    {
        var topic = (await model.ClassifyAsync(question, cancellationToken)).Text;
        var worker = clients.CreateClient("worker");
        using var response = await worker.PostAsync(new Uri($"/summarize?topic={Uri.EscapeDataString(topic)}", UriKind.Relative), content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new AskResult(topic, $"The worker could not answer ({(int)response.StatusCode}); try again later.", Degraded: true);
        }

        return new AskResult(topic, await response.Content.ReadAsStringAsync(cancellationToken), Degraded: false);
    }
}
