using System.Globalization;

namespace Tracentic.Benchmarks;

/// <summary>
/// <c>steady [--rate 100000] [--seconds 5] [--listen]</c>: RecordSpan timed call by call at a steady rate, with the ingest output
/// alone (discarding) and then with the standard OTLP output beside it (HTTP to the counting loopback sink), as
/// <see cref="TelemetryRecordSpanBenchmarks"/> sets them up. Unlike a saturated loop, the outputs keep up, so what is
/// compared is what a second output adds to recording, not how much of two cores its export takes from the loop.
/// <c>--listen</c>: the OpenTelemetry SDK listens throughout (<see cref="OpenTelemetryListener"/>), so each call also
/// starts and stops an activity and records the GenAI metrics.
/// </summary>
internal static class SteadyOutputsTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = ModeArguments.Int(args, "--rate", 100_000);
        var seconds = ModeArguments.Int(args, "--seconds", 5);
        using var listener = OpenTelemetryListener.Start(Array.IndexOf(args, "--listen") >= 0 ? Listener.OpenTelemetry : Listener.None);
        var one = await MeasureAsync(otlp: false, rate, seconds);
        var both = await MeasureAsync(otlp: true, rate, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"both outputs against one: median {both.Median / one.Median:0.00}x, p99 {both.P99 / one.P99:0.00}x"));
        return 0;
    }

    private static async Task<PacedCalls> MeasureAsync(bool otlp, int rate, int seconds)
    {
        await using var sink = otlp ? await LoadSink.StartAsync() : null;
        var (client, scope, span, _) = IngestAndOtlpSetup.Create(sink?.BaseUrl);
        var calls = PacedCalls.Run(() => client.RecordSpan(scope, span), rate, seconds);
        await client.FlushAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(otlp ? "ingest + standard OTLP over HTTP" : "ingest alone")}, RecordSpan: {calls}; dropped {client.DroppedSpans:N0}{(sink is null ? "" : $", the sink counted {sink.Spans:N0} spans")}"));
        await client.ShutdownAsync();
        return calls;
    }

}
