using System.Diagnostics;
using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// The load test's sink run in a child process (this executable with <c>sink</c>), so the load test's process CPU is
/// the SDK's alone — recording, queue, JSON or protobuf, HTTP client — and the server's share is reported apart.
/// Talks to the child over its standard input and output, one line per command.
/// </summary>
internal sealed class SinkProcess : ILoadSink
{
    private readonly Process _process;

    private SinkProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public long Spans => Stats().Spans;

    public long Requests => Stats().Requests;

    public long Bytes => Stats().Bytes;

    /// <summary>The child's process CPU since the last <see cref="Reset"/>.</summary>
    public TimeSpan Cpu => TimeSpan.FromMilliseconds(Stats().CpuMs);

    public static async Task<SinkProcess> StartAsync()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SinkProcess).Assembly.Location);
        }

        start.ArgumentList.Add("sink");
        var process = Process.Start(start)!;
        var url = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sink process ended before it listened");
        return new SinkProcess(process, url);
    }

    public void Reset() => Ask("reset");

    private (long Spans, long Requests, long Bytes, double CpuMs) Stats()
    {
        var parts = Ask("stats").Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private string Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        return _process.StandardOutput.ReadLine() ?? "0 0 0 0";
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close(); // the child exits at the end of its input
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The child's side: runs a sink, prints its address, answers <c>stats</c> and <c>reset</c> until its input ends.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var sink = await LoadSink.StartAsync();
        Console.WriteLine(sink.BaseUrl);
        var cpuAtReset = Process.GetCurrentProcess().TotalProcessorTime;
        while (Console.ReadLine() is { } command)
        {
            if (command == "reset")
            {
                sink.Reset();
                cpuAtReset = Process.GetCurrentProcess().TotalProcessorTime;
                Console.WriteLine("ok");
            }
            else
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtReset;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sink.Spans} {sink.Requests} {sink.Bytes} {cpu.TotalMilliseconds:0.0}"));
            }
        }

        return 0;
    }
}
