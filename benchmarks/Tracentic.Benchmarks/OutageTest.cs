using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>outage [--endpoint refused|hang] [--rate 100000] [--seconds 5]</c>: records at a steady rate through the real
/// HTTP ingest output while its endpoint is down (connections refused, or accepted and never answered), timing every
/// RecordSpan call on the recording thread, then prints the median, p99, p99.9, the slowest call and how many took
/// over 2 ms. Goal: p99 ≤ 3 µs, none over 2 ms on a quiet machine.
/// </summary>
internal static class OutageTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpointKind = ModeArguments.Text(args, "--endpoint", "refused");
        var rate = ModeArguments.Int(args, "--rate", 100_000);
        var seconds = ModeArguments.Int(args, "--seconds", 5);

        using var hanging = endpointKind == "hang" ? new TcpListener(IPAddress.Loopback, 0) : null;
        var accepted = new List<Socket>();
        string endpoint;
        if (hanging is not null)
        {
            hanging.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)hanging.LocalEndpoint).Port}";
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    var socket = await hanging.AcceptSocketAsync();
                    lock (accepted)
                    {
                        accepted.Add(socket); // held open, never read from or answered
                    }
                }
            });
        }
        else
        {
            using var closed = new TcpListener(IPAddress.Loopback, 0);
            closed.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}";
            closed.Stop();
        }

        var client = new TracenticEngine(new TracenticOptions
        {
            ApiKey = "outage-test",
            Endpoint = endpoint,
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            ExportTimeout = TimeSpan.FromSeconds(2),
        }, new ExportSetup { HookExits = false });
        var scope = client.Begin("rag-pipeline", new() { ["user_id"] = "user-123" });
        var span = BenchmarkSpan.Chat();

        var calls = PacedCalls.Run(() => client.RecordSpan(scope, span), rate, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outage ({endpointKind}), RecordSpan: {calls}; dropped {client.DroppedSpans:N0}"));

        await client.ShutdownAsync();
        lock (accepted)
        {
            accepted.ForEach(s => s.Dispose());
        }

        return 0;
    }


}
