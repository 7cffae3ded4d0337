using Tracentic.Local;

namespace Tracentic.Testing;

/// <summary>
/// The shipped <see cref="LocalReceiver"/> (Kestrel on 127.0.0.1, a free port) set up for the exporter's tests: it keeps
/// every request, accepts any API key unless given one, and answers accepted requests as scripted
/// (<see cref="Script(IngestResponse[])"/>), else with <see cref="DefaultResponse"/>. Spans of requests it answered with
/// 2xx are "delivered" (<see cref="Spans"/>). The switches here are the only test-only part.
/// </summary>
internal sealed class IngestReceiver : IAsyncDisposable, IIngestResponder
{
    public const string IngestPath = LocalReceiver.IngestPath;

    private readonly Queue<IngestResponse> _script = new(); // used under the receiver's lock, in Respond
    private LocalReceiver _receiver = null!;

    private IngestReceiver()
    {
    }

    /// <summary>Base URL to use as <c>TracenticOptions.Endpoint</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _receiver.Endpoint;

    /// <summary>Full ingest URL (<see cref="BaseUrl"/> + <c>/v1/ingest</c>).</summary>
    public string IngestUrl => BaseUrl + IngestPath;

    /// <summary>What to answer once the script is used up. Default 200 with <c>{}</c>.</summary>
    public IngestResponse DefaultResponse { get; set; } = IngestResponse.Ok;

    /// <summary>Answers 400 to a body holding any span this returns true for, as the ingest does for a span it cannot store.</summary>
    public Func<ReceivedSpan, bool>? RejectSpan { get; set; }

    /// <summary>Answers 413 to a larger body.</summary>
    public long MaxBodyBytes { get; set; } = long.MaxValue;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<IngestRequest> Requests => _receiver.Requests;

    /// <summary>Spans of every request answered with a 2xx status, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => _receiver.Spans;

    /// <summary>
    /// Starts a receiver, on <paramref name="port"/> when given (else a free one). With <paramref name="expectedApiKey"/>,
    /// requests without that key get 401.
    /// </summary>
    public static async Task<IngestReceiver> StartAsync(string? expectedApiKey = null, int port = 0)
    {
        var receiver = new IngestReceiver();
        receiver._receiver = await LocalReceiver.StartAsync(
            new LocalReceiverOptions { ApiKey = expectedApiKey, Port = port, MaxRequestBodyBytes = long.MaxValue },
            new ReceiverSetup { AnyApiKey = expectedApiKey is null, KeepRequests = true, Responder = receiver });
        return receiver;
    }

    /// <summary>Answers the next accepted requests in this order (after any responses scripted before).</summary>
    public IngestReceiver Script(params IngestResponse[] responses)
    {
        lock (_script)
        {
            foreach (var response in responses)
            {
                _script.Enqueue(response);
            }
        }

        return this;
    }

    /// <summary>Scripts the next responses by status code only, e.g. <c>Script(503, 503, 200)</c>.</summary>
    public IngestReceiver Script(params int[] statusCodes) => Script([.. statusCodes.Select(code => new IngestResponse(code))]);

    IngestResponse IIngestResponder.Respond(IngestRequest request)
    {
        if (request.Body.Length > MaxBodyBytes)
        {
            return new IngestResponse(413, """{"error":"request body too large"}""");
        }

        if (RejectSpan is { } reject && request.Spans.Any(reject))
        {
            return new IngestResponse(400, """{"error":"a span could not be stored"}""");
        }

        lock (_script)
        {
            return _script.Count > 0 ? _script.Dequeue() : DefaultResponse;
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> spans were delivered; throws <see cref="TimeoutException"/> otherwise,
    /// and at once when a body was not valid OTLP JSON (an exporter bug, whatever the test waits for).
    /// </summary>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(int count, TimeSpan timeout) =>
        _receiver.WaitAsync<IReadOnlyList<ReceivedSpan>>(
            () => ThrowOnInvalidBody(_receiver.Requests) && _receiver.Spans is { } spans && spans.Count >= count ? spans : null,
            timeout,
            () => $"expected {count} delivered span(s), got {_receiver.Spans.Count} in {_receiver.Requests.Count} request(s) within {timeout.TotalSeconds:0.###} s.");

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (whatever they were answered).</summary>
    public Task<IReadOnlyList<IngestRequest>> WaitForRequestsAsync(int count, TimeSpan timeout) =>
        _receiver.WaitAsync<IReadOnlyList<IngestRequest>>(
            () => _receiver.Requests is { } requests && requests.Count >= count ? requests : null,
            timeout,
            () => $"expected {count} request(s), got {_receiver.Requests.Count} within {timeout.TotalSeconds:0.###} s.");

    private static bool ThrowOnInvalidBody(IReadOnlyList<IngestRequest> requests) =>
        requests.FirstOrDefault(r => r.ParseError is not null) is not { } bad
            ? true
            : throw new InvalidOperationException($"the receiver got a body that is not valid OTLP JSON: {bad.ParseError}\n{bad.BodyText}");

    /// <summary>Releases hung requests and stops the server.</summary>
    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
