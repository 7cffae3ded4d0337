using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Export.Wire;
using Tracentic.Local;
using Tracentic.Core;

namespace Tracentic.Testing;

/// <summary>
/// An export output that runs the real resolver and OTLP JSON writer and keeps the parsed result, for tests that
/// assert on what would be sent without a network. Pass <see cref="Setup"/> to the engine's internal constructor
/// (or register it as a service for the ASP.NET Core integration), or use <see cref="CreateClient"/>.
/// </summary>
internal sealed class InMemoryExporter : IExportOutput
{
    private readonly object _gate = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<byte[]> _bodies = [];
    private OtlpJsonWriter? _writer;

    public IReadOnlyList<ReceivedSpan> Spans
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

    /// <summary>An export setup with this output and without exit hooks.</summary>
    public ExportSetup Setup => new() { Output = Attach, HookExits = false };

    /// <summary>Creates an engine exporting here (no API key needed) with short delays for tests.</summary>
    public static (TracenticEngine Client, InMemoryExporter Exporter) CreateClient(Action<TracenticOptions>? configure = null)
    {
        var exporter = new InMemoryExporter();
        var options = new TracenticOptions
        {
            ServiceName = "test-service",
            BatchDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return (new TracenticEngine(options, exporter.Setup), exporter);
    }

    public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var count = (_writer ?? throw new InvalidOperationException("Attach was not called")).Write(batch, out var body);
            var bytes = body.ToArray();
            _bodies.Add(bytes);
            _spans.AddRange(OtlpIngestParser.Parse(bytes));
            return Task.FromResult(new ExportResult(ExportStatus.Delivered, count));
        }
    }

    /// <summary>The engine's output factory: binds the writer to the engine's settings.</summary>
    public IExportOutput Attach(TracenticSettings settings, TracenticLog log)
    {
        _writer = new OtlpJsonWriter(settings, log, WireLimits.Default, WireFlavour.TracenticIngest);
        return this;
    }

    public void Dispose()
    {
    }
}
