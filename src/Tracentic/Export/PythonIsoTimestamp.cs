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
        // Built from fixed parts ("s" is formatted without parsing a pattern): a scope formats its start on every begin.
        var utc = time.UtcDateTime;
        var microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        return string.Create(microseconds == 0 ? 25 : 32, (utc, microseconds), static (chars, parts) =>
        {
            parts.utc.TryFormat(chars, out var written, "s", CultureInfo.InvariantCulture); // yyyy-MM-ddTHH:mm:ss
            if (parts.microseconds != 0)
            {
                chars[written++] = '.';
                parts.microseconds.TryFormat(chars[written..], out var digits, "D6", CultureInfo.InvariantCulture);
                written += digits;
            }

            "+00:00".CopyTo(chars[written..]);
        });
    }
}
