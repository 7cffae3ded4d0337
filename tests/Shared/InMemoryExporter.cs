using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Testing;

/// <summary>
/// An exporter that runs the real OTLP JSON writer and keeps the parsed result, for tests that assert on
/// what would be sent without a network. Pass <see cref="Attach"/> as <c>TracenticOptions.ExporterFactory</c>, or use <see cref="CreateClient"/>.
/// </summary>
internal sealed class InMemoryExporter : ISpanExporter
{
    private readonly object _gate = new();
    private readonly List<ExportedSpan> _spans = [];
    private readonly List<byte[]> _bodies = [];
    private OtlpJsonWriter? _writer;

    public IReadOnlyList<ExportedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<byte[]> Bodies
    {
        get
        {
            lock (_gate)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>Creates an engine exporting here (no API key needed) with short delays for tests.</summary>
    public static (TracenticClient Client, InMemoryExporter Exporter) CreateClient(Action<TracenticOptions>? configure = null)
    {
        var exporter = new InMemoryExporter();
        var options = new TracenticOptions
        {
            ServiceName = "test-service",
            BatchDelay = TimeSpan.FromMilliseconds(20),
            ExporterFactory = exporter.Attach,
            FlushOnProcessExit = false,
        };
        configure?.Invoke(options);
        return ((TracenticClient)TracenticSdk.Create(options), exporter);
    }

    public Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var body = (_writer ?? throw new InvalidOperationException("Attach was not called")).Write(batch).ToArray();
            _bodies.Add(body);
            _spans.AddRange(OtlpPayload.ParseSpans(body));
        }

        return Task.CompletedTask;
    }

    /// <summary>The engine's exporter factory: binds the writer to the engine's settings.</summary>
    public ISpanExporter Attach(TracenticSettings settings, TracenticLog log)
    {
        _writer = new OtlpJsonWriter(settings, log);
        return this;
    }

    public void Dispose()
    {
    }
}
