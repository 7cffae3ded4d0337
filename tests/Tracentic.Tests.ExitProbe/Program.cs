// A child process for the exit tests: records spans, then ends the way the first argument says, without calling
// FlushAsync or ShutdownAsync. The SDK's exit hooks (or the host's shutdown) must deliver what is queued.
//   ExitProbe <mode> <endpoint> <count> [exportTimeoutSeconds]
//   mode: return | exit | sigterm | sigint | unhandled | host | host-sigterm | host-sigint | own-sigterm
//   host-sigterm, host-sigint: a generic host with the default ExportTimeout (the argument is ignored), stopped by the
//   signal; prints "stopped after <ms>" when the host's stop returned.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tracentic;

// A background job of a non-interactive shell starts with SIGINT ignored, and children inherit that: restore the
// default before the runtime installs its handlers, so the signal tests do not depend on how the test run was started.
if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
{
    _ = NativeSignals.signal(2 /* SIGINT */, 0 /* SIG_DFL */);
}

var mode = args[0];
var endpoint = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var exportTimeout = TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 30);

if (mode == "host")
{
    var builder = Host.CreateApplicationBuilder();
    builder.Services.AddTracentic(o =>
    {
        o.ApiKey = "exit-probe-key";
        o.Endpoint = endpoint;
        o.ServiceName = "exit-probe";
        o.QueueCapacity = 2 * count;
        o.BatchDelay = TimeSpan.FromMinutes(1); // only the shutdown can send a partial batch
        o.ExportTimeout = exportTimeout;
    });
    using var host = builder.Build();
    await host.StartAsync();
    Record(host.Services.GetRequiredService<ITracentic>());
    await host.WaitForShutdownAsync(); // SIGTERM from the test
    return 0;
}

if (mode is "host-sigterm" or "host-sigint")
{
    var builder = Host.CreateApplicationBuilder();
    builder.Services.AddTracentic(o =>
    {
        o.ApiKey = "exit-probe-key";
        o.Endpoint = endpoint;
        o.ServiceName = "exit-probe";
        o.QueueCapacity = 2 * count;
        o.BatchDelay = TimeSpan.FromMinutes(1);
    });
    using var host = builder.Build();
    await host.StartAsync();
    var stopping = new Stopwatch();
    host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.Start);
    Record(host.Services.GetRequiredService<ITracentic>());
    await host.WaitForShutdownAsync();
    Console.WriteLine($"stopped after {stopping.ElapsedMilliseconds} ms");
    Console.Out.Flush();
    return 0;
}

var tracentic = TracenticSdk.Configure(new TracenticOptions
{
    ApiKey = "exit-probe-key",
    Endpoint = endpoint,
    ServiceName = "exit-probe",
    QueueCapacity = 2 * count,
    BatchDelay = TimeSpan.FromMinutes(1),
    ExportTimeout = exportTimeout,
});

// The application's own signal handling, which the SDK must leave alone: it cancels SIGTERM and keeps running.
using var own = mode == "own-sigterm"
    ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        Console.WriteLine("own handler: staying up");
        Console.Out.Flush();
    })
    : null;

Record(tracentic);
switch (mode)
{
    case "return":
        return 0;
    case "exit":
        Environment.Exit(3);
        return 0;
    case "unhandled":
        var thread = new Thread(() => throw new InvalidOperationException("exit probe: unhandled"));
        thread.Start();
        thread.Join();
        return 0;
    case "own-sigterm":
        Console.ReadLine(); // the test writes a line after its SIGTERM was ignored
        Console.WriteLine("still running after SIGTERM");
        return 5;
    default: // sigterm, sigint: wait for the signal
        Thread.Sleep(Timeout.Infinite);
        return 0;
}

void Record(ITracentic sdk)
{
    var scope = sdk.Begin("exit-probe");
    for (var i = 0; i < count; i++)
    {
        var now = DateTimeOffset.UtcNow;
        sdk.RecordSpan(scope, new TracenticSpan
        {
            StartedAt = now,
            EndedAt = now,
            Provider = "openai",
            Model = "gpt-4o",
            Attributes = new() { ["i"] = i },
        });
    }

    Console.WriteLine($"recorded {count}");
    Console.Out.Flush();
}

internal static class NativeSignals
{
    [DllImport("libc", EntryPoint = "signal")]
    internal static extern nint signal(int signum, nint handler);
}
