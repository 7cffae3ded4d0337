using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tracentic.Local;
using Tracentic.RealLibraries;

// The steps of run.sh (docs/real-libraries.md); each prints what it found.
return args switch
{
    ["annotate", .. var folders] when folders.Length > 0 => Annotator.Run(folders),
    ["sites", var inputs, var generated, var sarif, var report] => SiteCheck.Run(inputs, generated, sarif, report),
    ["trx", var baseline, .. var others] => Reports.CompareTrx(baseline, others),
    ["diagnostics", var root, var baseline, var annotated] => Reports.CompareDiagnostics(root, baseline, annotated),
    ["closed-port"] => ClosedPort(),
    ["serve", var report, "--", var command, .. var arguments] => await ServeAsync(report, command, arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Tracentic.RealLibraries annotate <folder>...                 [TracenticScope] on every ordinary method with a body
               Tracentic.RealLibraries sites <inputs.txt> <generated-folder> <build.sarif> <report.txt>
               Tracentic.RealLibraries trx <baseline.trx> <other.trx>...       test-by-test comparison
               Tracentic.RealLibraries diagnostics <root> <baseline-sarif-folder> <annotated-sarif-folder>
               Tracentic.RealLibraries closed-port                          a loopback port nothing listens on
               Tracentic.RealLibraries serve <report.txt> -- <command> <args>...
                   runs the command with a local receiver and an OTLP counter on 127.0.0.1
                   (TRACENTIC_RL_ENDPOINT, TRACENTIC_RL_API_KEY, TRACENTIC_RL_OTLP_ENDPOINT)
        """);
    return 2;
}

// Binds an ephemeral loopback port and closes it again: connections to it are refused.
static int ClosedPort()
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    Console.WriteLine(((IPEndPoint)socket.LocalEndPoint!).Port);
    return 0;
}

static async Task<int> ServeAsync(string report, string command, string[] arguments)
{
    // The ingest (LLM-call spans) goes to the shipped local receiver; scopes travel as spans of their own only on the
    // standard OTLP output, which goes to a counting OTLP/HTTP JSON endpoint beside it.
    await using var receiver = await LocalReceiver.StartAsync();
    await using var otlp = await OtlpCounter.StartAsync();
    var start = new ProcessStartInfo(command) { UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["TRACENTIC_RL_ENDPOINT"] = receiver.Endpoint;
    start.Environment["TRACENTIC_RL_API_KEY"] = receiver.ApiKey;
    start.Environment["TRACENTIC_RL_OTLP_ENDPOINT"] = otlp.Endpoint;
    using var process = Process.Start(start)!;
    await process.WaitForExitAsync();

    // The test host flushes on exit (bounded); give the last request a moment to be read.
    await Task.Delay(TimeSpan.FromSeconds(1));
    var summary = $"ingest: batches={receiver.Batches.Count} spans={receiver.Spans.Count} rejected={receiver.Rejected.Count}; "
        + $"otlp: requests={otlp.Requests} spans={otlp.Spans} malformed={otlp.Malformed} span-names={otlp.Names.Count}; exit={process.ExitCode}";
    var byName = otlp.Names.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(40).Select(p => $"{p.Value}\t{p.Key}");
    File.WriteAllLines(report, [summary, .. receiver.Rejected.Select(r => "ingest rejected\t" + r), .. byName]);
    Console.WriteLine(summary);
    return process.ExitCode;
}
