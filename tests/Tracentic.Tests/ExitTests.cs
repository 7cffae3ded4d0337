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

    public static TheoryData<string, string> HostStops => new()
    {
        { "host-sigterm", "refused" },
        { "host-sigterm", "never-answering" },
        { "host-sigint", "refused" },
        { "host-sigint", "never-answering" },
    };

    /// <summary>
    /// A generic host with the default options (30 s export timeout, the host's 30 s shutdown timeout) stopped by a
    /// signal while the endpoint is down: the SDK's share of the stop (its signal handler, its hosted service) stays
    /// within the ~5 s every other exit is bounded by.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(HostStops))]
    public async Task A_host_stopped_by_a_signal_exits_within_5_seconds_when_the_endpoint_is_down(string mode, string endpointState)
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.DefaultResponse = IngestResponse.HangUntilDisposed;
        var endpoint = endpointState == "refused" ? RefusingEndpoint() : receiver.BaseUrl;

        var signalled = new Stopwatch();
        var (code, output) = await RunProbeAsync(mode, endpoint, exportTimeoutSeconds: 30, signalled);
        var elapsed = signalled.Elapsed;

        Assert.True(code == 0, $"exit code {code}, expected 0:\n{output}");
        Assert.Contains("stopped after", output);
        // 5 s of the SDK's own time, plus the process's own start-up of the signal handling and teardown.
        Assert.True(elapsed < TimeSpan.FromSeconds(7), $"exited {elapsed.TotalSeconds:F1} s after the signal:\n{output}");
    }

    /// <summary>An http URL on loopback where nothing listens (the port was just released): every connection is refused.</summary>
    private static string RefusingEndpoint()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private static async Task<(int ExitCode, string Output)> RunProbeAsync(string mode, string endpoint, double exportTimeoutSeconds, Stopwatch? signalled = null)
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
            if (mode is "sigterm" or "sigint" or "host" or "own-sigterm" or "host-sigterm" or "host-sigint")
            {
                await recorded.Task.WaitAsync(timeout.Token);
                signalled?.Start();
                await SignalAsync(process.Id, mode is "sigint" or "host-sigint" ? "INT" : "TERM", timeout.Token);
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

        signalled?.Stop();
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
