namespace Tracentic.Export;

/// <summary>
/// One output's consecutive failures and how long after the last one nothing is sent (<see cref="RetryPolicy"/>:
/// capped, jittered, or the server's <c>Retry-After</c>). Export thread only.
/// </summary>
internal sealed class Backoff(RetryPolicy retry, TimeProvider clock)
{
    private long _failedAt;
    private TimeSpan _delay;

    /// <summary>Failed attempts since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>How long until the next attempt may start; zero when it may start now.</summary>
    public TimeSpan Remaining()
    {
        if (_delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Timers have millisecond resolution: less than that left is over.
        var left = _delay - clock.GetElapsedTime(_failedAt);
        if (left < TimeSpan.FromMilliseconds(1))
        {
            _delay = TimeSpan.Zero;
            return TimeSpan.Zero;
        }

        return left;
    }

    /// <summary>Counts a failure and starts its delay; returns the delay.</summary>
    public TimeSpan Failed(TimeSpan? retryAfter)
    {
        Failures++;
        _delay = retry.Delay(Failures, retryAfter);
        _failedAt = clock.GetTimestamp();
        return _delay;
    }

    /// <summary>A success: returns how many failures it ended.</summary>
    public int Succeeded()
    {
        var failures = Failures;
        Failures = 0;
        return failures;
    }
}
