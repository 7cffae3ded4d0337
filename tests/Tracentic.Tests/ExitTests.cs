using System.Diagnostics;
using System.Globalization;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>
/// Every way a process ends delivers what it recorded, in bounded time: a child process (Tracentic.Tests.ExitProbe)
/// records 5,000 spans and ends without flushing; the loopback receiver counts what arrived. With an endpoint that
/// never answers, the process still ends, within a bound.
/// </summary>
[Trait("Category", "Slow")] // child processes: left out of the fast loop (README, "Running the tests")
public class ExitTests
{
    private const int Count = 5_000;
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, int> Exits => new()
    {
        { "return", 0 },
        { "exit", 3 },
        { "sigterm", 128 + 15 },
        { "sigint", 128 + 2 },
        { "unhandled", 128 + 6 }, // SIGABRT
        { "host", 0 },
        { "own-sigterm", 5 },
    };

    [Theory]
    [MemberData(nameof(Exits))]
    public async Task Every_exit_delivers_all_5000_spans(string mode, int exitCode)
    {
        await using var receiver = await IngestReceiver.StartAsync("exit-probe-key");

        var (code, output) = await RunProbeAsync(mode, receiver.BaseUrl, exportTimeoutSeconds: 30);

        Assert.True(code == exitCode, $"exit code {code}, expected {exitCode}:\n{output}");
        var spans = receiver.Spans; // the probe has exited: whatever arrived has arrived
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), spans.Select(s => (long)s["i"]!).Order());
        if (mode == "own-sigterm")
        {
            Assert.Contains("still running after SIGTERM", output); // the application's own signal handling is unchanged
        }
    }

    [Theory]
    [MemberData(nameof(Exits))]
    public async Task Every_exit_ends_in_bounded_time_when_the_endpoint_never_answers(string mode, int exitCode)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.DefaultResponse = IngestResponse.HangUntilDisposed;

        var (code, output) = await RunProbeAsync(mode, receiver.BaseUrl, exportTimeoutSeconds: 2);

        Assert.True(code == exitCode, $"exit code {code}, expected {exitCode}:\n{output}");
        Assert.DoesNotContain("Unhandled exception. System.Threading.Tasks.TaskCanceledException", output);
    }

    private static async Task<(int ExitCode, string Output)> RunProbeAsync(string mode, string endpoint, double exportTimeoutSeconds)
    {
        // Built next to this project (ProjectReference with ReferenceOutputAssembly=false), same configuration.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration, testsRoot) = (here.Name, here.Parent!.Name, here.Parent.Parent!.Parent!.Parent!.FullName);
        var probe = Path.Combine(testsRoot, "Tracentic.Tests.ExitProbe", "bin", configuration, tfm, "Tracentic.Tests.ExitProbe.dll");
        Assert.True(File.Exists(probe), $"exit probe not built at {probe}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[probe, mode, endpoint, Count.ToString(CultureInfo.InvariantCulture), exportTimeoutSeconds.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ownHandlerRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith("recorded", StringComparison.Ordinal) == true)
            {
                recorded.TrySetResult();
            }
            else if (e.Data?.StartsWith("own handler", StringComparison.Ordinal) == true)
            {
                ownHandlerRan.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ExitBound);
        try
        {
            if (mode is "sigterm" or "sigint" or "host" or "own-sigterm")
            {
                await recorded.Task.WaitAsync(timeout.Token);
                await SignalAsync(process.Id, mode == "sigint" ? "INT" : "TERM", timeout.Token);
                if (mode == "own-sigterm")
                {
                    await ownHandlerRan.Task.WaitAsync(timeout.Token);
                    await process.StandardInput.WriteLineAsync("go on");
                    await process.StandardInput.FlushAsync(timeout.Token);
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                throw new TimeoutException($"the exit probe ({mode}) did not exit within {ExitBound.TotalSeconds} s:\n{output}");
            }
        }

        process.WaitForExit(); // drains the output events
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }
}
