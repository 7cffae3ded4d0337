using System.ClientModel;
using System.Runtime.CompilerServices;
using OpenAI.Responses;

namespace Tracentic.Providers.Tests.Traced;

public sealed class OpenAIResponses(ResponsesClient responses)
{
    [TracenticLlmCall(Provider = "openai")]
    public Task<ClientResult<ResponseResult>> RespondAsync(CreateResponseOptions options) =>
        responses.CreateResponseAsync(options);

    /// <summary>
    /// The SDK's streaming result cannot be wrapped (it has no public constructor); re-yielding its updates makes the
    /// method a stream the wrapper observes.
    /// </summary>
    [TracenticLlmCall(Provider = "openai")]
    public async IAsyncEnumerable<StreamingResponseUpdate> StreamAsync(CreateResponseOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in await responses.CreateResponseStreamingAsync(options, cancellationToken))
        {
            yield return update;
        }
    }
}
