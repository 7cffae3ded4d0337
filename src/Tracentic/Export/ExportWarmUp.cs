using Microsoft.Extensions.Logging.Abstractions;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Runs the export thread's per-span path once, on made-up spans, before any real span arrives. The first span resolved
/// and written compiles that code — tens of milliseconds on 2 cores, more while the application starts too — and a
/// burst recorded meanwhile fills the queue (docs/delivery.md). Invisible to the application: the sample is resolved by
/// a resolver of its own with a silent log (no warning is given, none is used up), written but never sent, and it makes
/// no activity.
/// </summary>
internal static class ExportWarmUp
{
    private const long SampleStart = 1_700_000_000_000_000_000; // 2023-11-14, any valid time will do

    public static void Run(TracenticSettings settings, IEnumerable<IExportOutput> outputs)
    {
        var resolver = new SpanResolver(settings, new TracenticLog(NullLoggerFactory.Instance, debug: false));
        var call = new RecordedCall
        {
            StartUnixNanos = SampleStart,
            EndUnixNanos = SampleStart + 250_000_000,
            Provider = "openai",
            Model = "gpt-4o",
            OperationType = "chat",
            InputTokens = 100,
            OutputTokens = 50,
            Attributes = [new("sample", "warm-up")],
        };
        var trace = TraceIdentity.NewTrace(0x0af7651916cd43dd, 0x8448eb211c80319c);
        List<ResolvedSpan> sample =
        [
            resolver.Resolve(new RecordedSpan { Call = call, Trace = trace }, new ResolvedSpan()),
            resolver.Resolve(new RecordedSpan { IsScope = true, Call = call, Trace = trace }, new ResolvedSpan()),
        ];
        foreach (var output in outputs)
        {
            output.Prepare(sample);
        }
    }
}
