namespace Tracentic.Testing;

/// <summary>
/// How an <see cref="IngestReceiver"/> answers one request it accepted, as a test scripted it (the exporter
/// under faults). Unscripted requests get its default, 200.
/// </summary>
/// <param name="StatusCode">HTTP status to answer; the spans count as delivered only for 2xx.</param>
/// <param name="Body">Response body (JSON); <c>{}</c> when null.</param>
/// <param name="RetryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up).</param>
/// <param name="Delay">Waits this long before answering.</param>
/// <param name="Hang">Never answers: holds the request until the client gives up or the receiver is disposed.</param>
/// <param name="Abort">Cuts the connection without an answer (what the client sees of a crashed or restarting server).</param>
/// <param name="ReasonPhrase">Reason phrase of the status line (HTTP/1.1).</param>
/// <param name="Headers">Extra response headers, e.g. <c>Location</c>.</param>
/// <param name="EchoRequestHeaders">Sends every request header back as <c>x-echo-{name}</c>.</param>
internal sealed record IngestResponse(
    int StatusCode = 200,
    string? Body = null,
    TimeSpan? RetryAfter = null,
    TimeSpan Delay = default,
    bool Hang = false,
    bool Abort = false,
    string? ReasonPhrase = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    bool EchoRequestHeaders = false)
{
    public static readonly IngestResponse Ok = new(200);

    public static readonly IngestResponse HangUntilDisposed = new(200, Hang: true);

    public static readonly IngestResponse Refuse = new(0, Abort: true);
}
