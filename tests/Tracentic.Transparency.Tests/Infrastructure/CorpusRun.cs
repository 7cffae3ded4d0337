using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tracentic.Transparency.Tests.Infrastructure;

/// <summary>Runs a corpus build as a child process (<c>dotnet exec</c>), bounded in time, and reads its event log.</summary>
internal sealed record CorpusRun(string Name, IReadOnlyList<string> Lines, int ExitCode, string Stderr)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public static async Task<CorpusRun> StartAsync(CorpusBuild build, string name, string? ingestUrl)
    {
        var logPath = Path.Combine(build.Directory, name + ".log");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = build.Directory,
        };
        foreach (var arg in new[] { "exec", build.AssemblyPath, logPath }.Concat(ingestUrl is null ? [] : [ingestUrl]))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        var exit = 0;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            exit = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            exit = -1;
        }

        var lines = File.Exists(logPath) ? (await File.ReadAllLinesAsync(logPath)).ToList() : [];
        if (exit != 0)
        {
            lines.Add(exit == -1 ? $"(process): KILLED after {s_timeout.TotalSeconds} s" : $"(process): exit code {exit}");
        }

        return new CorpusRun(name, lines, exit, (await stderr) + (await stdout));
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
