using System.Diagnostics;
using System.Text;

namespace Tracentic.IntegrationTests.Infrastructure;

/// <summary>What a finished child process printed and returned.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>Throws with everything the process printed unless it exited with 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(Describe($"exited with {ExitCode}"));
        }

        return this;
    }

    public string Describe(string what) =>
        $"`{Command}` {what} after {Elapsed.TotalSeconds:0.0} s.\n--- stdout ---\n{Tail(Output)}\n--- stderr ---\n{Tail(Error)}";

    private static string Tail(string text) => text.Length <= 20_000 ? text : "...\n" + text[^20_000..];
}

/// <summary>Runs a command as a child process, bounded in time: on timeout the whole process tree is killed.</summary>
internal static class ChildProcess
{
    /// <summary>Variables a child must not inherit from the test run (they would redirect the samples' export).</summary>
    private static readonly string[] Scrubbed = ["TRACENTIC_API_KEY", "TRACENTIC_ENDPOINT", "TRACENTIC_SERVICE_NAME", "TRACENTIC_ENVIRONMENT"];

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in Scrubbed)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no build server left running after a test
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{command}`");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var timedOut = new ProcessResult(command, -1, await output, await error, stopwatch.Elapsed);
            throw new TimeoutException(timedOut.Describe($"did not finish within {limit.TotalSeconds:0} s and was killed"));
        }

        return new ProcessResult(command, process.ExitCode, await output, await error, stopwatch.Elapsed);
    }

    /// <summary>Runs <c>dotnet</c> with the given arguments.</summary>
    public static Task<ProcessResult> DotnetAsync(
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        RunAsync(DotnetHost, arguments, workingDirectory, environment, timeout);

    /// <summary>The dotnet executable running this test (so children use the same SDK and runtime).</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";
}
