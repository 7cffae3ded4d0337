namespace Tracentic.Local;

/// <summary>One accepted request: its resource, its spans, and when it arrived.</summary>
public sealed class ReceivedBatch
{
    internal ReceivedBatch(IReadOnlyList<ReceivedSpan> spans, DateTimeOffset receivedAt, string? userAgent)
    {
        Spans = spans;
        ReceivedAt = receivedAt;
        UserAgent = userAgent;
    }

    /// <summary>The spans of the request, in the order sent.</summary>
    public IReadOnlyList<ReceivedSpan> Spans { get; }

    /// <summary>When the request was accepted.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The sender's <c>User-Agent</c> header.</summary>
    public string? UserAgent { get; }
}
