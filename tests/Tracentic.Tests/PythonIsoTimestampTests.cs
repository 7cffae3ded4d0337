using System.Diagnostics;
using System.Globalization;
using Tracentic.Export;

namespace Tracentic.Tests;

/// <summary>Runs when a <c>python3</c> is on the PATH (it is on the CI machines): the reference is Python itself.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (PythonIsoTimestampTests.Python() is null)
        {
            Skip = "python3 is not on the PATH, so Python's own isoformat() cannot be asked.";
        }
    }
}

/// <summary>
/// <c>tracentic.scope.started_at</c> is written exactly as the Tracentic Python SDK writes it: Python's
/// <c>datetime.isoformat()</c> of the scope's UTC start. Compared byte for byte with what Python prints.
/// </summary>
[Trait("Category", "Slow")] // a python3 child process: left out of the fast loop (README, "Running the tests")
public sealed class PythonIsoTimestampTests
{
    private static readonly DateTimeOffset[] s_times =
    [
        new DateTimeOffset(2026, 12, 7, 2, 28, 7, TimeSpan.Zero).AddTicks(1_234_567), // sub-microsecond ticks: Python keeps microseconds
        new(2026, 12, 7, 2, 28, 7, TimeSpan.Zero), // no fraction at all: Python leaves it out
        new(2025, 3, 1, 12, 0, 0, 250, TimeSpan.Zero),
        new(2025, 3, 1, 13, 0, 0, 5, TimeSpan.FromHours(1)), // a local offset: written in UTC
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(10), // exactly one microsecond
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2262, 4, 11, 23, 47, 16, TimeSpan.Zero).AddTicks(8_547_750),
    ];

    [PythonFact]
    public async Task Started_at_is_byte_for_byte_what_python_isoformat_prints()
    {
        var micros = s_times.Select(t => ((t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture));
        var script = "import datetime, sys\n"
            + "epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)\n"
            + "for line in sys.argv[1:]:\n"
            + "    print((epoch + datetime.timedelta(microseconds=int(line))).isoformat())\n";
        var start = new ProcessStartInfo(Python()!) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var m in micros)
        {
            start.ArgumentList.Add(m);
        }

        using var python = Process.Start(start)!;
        var printed = (await python.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await python.WaitForExitAsync();

        Assert.Equal(printed, s_times.Select(PythonIsoTimestamp.Format));
        Assert.Equal("2026-12-07T02:28:07.123456+00:00", PythonIsoTimestamp.Format(s_times[0]));
        Assert.Equal("2026-12-07T02:28:07+00:00", PythonIsoTimestamp.Format(s_times[1]));
    }

    internal static string? Python() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "python3"))
            .FirstOrDefault(File.Exists);
}
