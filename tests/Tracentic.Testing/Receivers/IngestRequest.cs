using System.Text;
using Tracentic.Local;

namespace Tracentic.Testing;

/// <summary>One request as the receiver got it and answered it, kept by <see cref="IngestReceiver"/>.</summary>
internal sealed class IngestRequest
{
    public IngestRequest(string method, string path, IReadOnlyDictionary<string, string> headers, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        ReceivedAt = receivedAt;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Request headers (case-insensitive names; repeated headers joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The body; empty when the request was turned down before it was read.</summary>
    public byte[] Body { get; internal set; } = [];

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The spans of the body; empty when it was not read or is not valid OTLP JSON.</summary>
    public IReadOnlyList<ReceivedSpan> Spans { get; internal set; } = [];

    /// <summary>Why the body is not valid OTLP/HTTP JSON (the parser's message), or null.</summary>
    public string? ParseError { get; internal set; }

    /// <summary>The status the receiver answered (or was about to, for a hung or aborted request).</summary>
    public int StatusCode { get; internal set; }

    /// <summary>Answered with 2xx: its spans were stored.</summary>
    public bool Delivered { get; internal set; }

    /// <summary>The client disconnected (or the receiver was disposed) before an answer was sent.</summary>
    public bool Aborted { get; internal set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
