using System.Globalization;

namespace Tracentic.Export;

/// <summary>
/// A time as the Tracentic Python SDK writes <c>tracentic.scope.started_at</c> (<c>datetime.isoformat()</c> of a UTC
/// time): <c>2026-12-07T02:28:07.123456+00:00</c>, microseconds (truncated, as Python keeps them) and left out
/// when zero, the offset as <c>+00:00</c>. A backend that parses the Python form reads ours the same way.
/// </summary>
internal static class PythonIsoTimestamp
{
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var microseconds = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return microseconds == 0
            ? utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'+00:00'", CultureInfo.InvariantCulture);
    }
}
