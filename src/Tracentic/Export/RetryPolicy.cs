namespace Tracentic.Export;

/// <summary>How the HTTP exporter retries: exponential backoff with jitter, bounded in attempts and time.</summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan MaxElapsed)
{
    public static readonly RetryPolicy Default = new(
        MaxAttempts: 5,
        InitialBackoff: TimeSpan.FromMilliseconds(500),
        MaxBackoff: TimeSpan.FromSeconds(10),
        MaxElapsed: TimeSpan.FromSeconds(60));

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based): half to all of the capped exponential.</summary>
    public TimeSpan Backoff(int retry)
    {
        var exponential = InitialBackoff.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    public static bool IsRetryable(int statusCode) => statusCode is 408 or 429 or 502 or 503 or 504;
}
