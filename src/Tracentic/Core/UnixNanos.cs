namespace Tracentic.Core;

/// <summary>Times as OTLP carries them: nanoseconds since 1970, clamped to what it can represent (1970 to 2262).</summary>
internal static class UnixNanos
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>The latest time OTLP's unsigned 64-bit nanoseconds can hold that a signed long can too (year 2262).</summary>
    private const long MaxUnixTicks = long.MaxValue / 100;

    public static long Of(DateTimeOffset time, out bool clamped)
    {
        var ticks = time.UtcTicks - UnixEpochTicks;
        clamped = ticks < 0 || ticks > MaxUnixTicks;
        return Math.Clamp(ticks, 0, MaxUnixTicks) * 100;
    }

    public static long Of(DateTimeOffset time) => Of(time, out _);

    public static DateTimeOffset ToTime(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
}
