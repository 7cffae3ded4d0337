namespace Tracentic.Local;

/// <summary>
/// How a receiver behaves beyond <see cref="LocalReceiverOptions"/>, for the repository's own tests and load
/// benchmark (through the internal <c>LocalReceiver.StartAsync</c> overload); not part of the shipped surface.
/// </summary>
internal sealed class ReceiverSetup
{
    /// <summary>Accepts any API key, or none.</summary>
    public bool AnyApiKey { get; init; }

    /// <summary>Keeps every request with its headers, body and answer (<c>LocalReceiver.Requests</c>).</summary>
    public bool KeepRequests { get; init; }

    /// <summary>Answers accepted requests in place of the receiver's 200; it sees the logged request, so it needs <see cref="KeepRequests"/>.</summary>
    public IIngestResponder? Responder { get; init; }

    /// <summary>
    /// Only counts spans, requests and bytes, keeping nothing and checking no key, so a load test measures the
    /// exporter rather than the receiver: Tracentic JSON on <c>/v1/ingest</c> (occurrences of <c>"spanId":</c>,
    /// streamed) and OTLP http/protobuf on <c>/v1/traces</c> (the OpenTelemetry SDK as a peer).
    /// </summary>
    public bool CountOnly { get; init; }
}
