namespace Tracentic.Export;

/// <summary>
/// When to try a failed export again. There is no attempt or time budget: a batch that could not be delivered
/// stays queued and is retried until it is delivered, rejected for its content, or pushed out by newer spans.
/// </summary>
/// <param name="InitialBackoff">Delay after the first failure.</param>
/// <param name="MaxBackoff">The exponential backoff never exceeds this.</param>
/// <param name="MaxRetryAfter">A server's <c>Retry-After</c> is honoured up to this long.</param>
internal sealed record RetryPolicy(TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan MaxRetryAfter)
{
    public static readonly RetryPolicy Default = new(
        InitialBackoff: TimeSpan.FromSeconds(1),
        MaxBackoff: TimeSpan.FromSeconds(30),
        MaxRetryAfter: TimeSpan.FromMinutes(5));

    /// <summary>
    /// Delay before attempt <paramref name="failures"/> + 1: the server's <c>Retry-After</c> when it sent one (capped),
    /// else half to all of the capped exponential (jitter keeps many instances from retrying in step).
    /// </summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            return requested < TimeSpan.Zero ? TimeSpan.Zero : requested > MaxRetryAfter ? MaxRetryAfter : requested;
        }

        var exponential = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    /// <summary>What a response status means for the batch that was sent.</summary>
    public static ExportStatus Classify(int statusCode) => statusCode switch
    {
        >= 200 and < 300 => ExportStatus.Delivered,

        // The content was refused: one span is enough to make a whole batch fail, so the batch is split.
        400 or 413 or 422 => ExportStatus.Rejected,

        // Everything else may pass later: overload (429, 5xx), timeouts (408), and configuration problems
        // (401, 403, 404, a redirect) that an operator can fix without losing what is queued.
        _ => ExportStatus.Retry,
    };
}
