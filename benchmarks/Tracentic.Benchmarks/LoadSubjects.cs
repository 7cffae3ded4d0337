using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Export.Wire;
using ExportResult = Tracentic.Export.ExportResult;

namespace Tracentic.Benchmarks;

/// <summary>An SDK under load: records one LLM span per call with the same content, exports to the sink.</summary>
internal interface ILoadSubject : IAsyncDisposable
{
    /// <summary>Spans the output reported exported (for <c>--export json|discard</c>).</summary>
    long Exported { get; }

    void Record(long i);

    Task FlushAsync();

    void Reset();

    string Describe();
}

/// <summary>The Tracentic engine with its real ingest output (or the JSON writer alone, or nothing after the queue).</summary>
internal sealed class TracenticSubject : ILoadSubject
{
    private readonly TracenticEngine _client;
    private readonly TracenticScope[] _scopes;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private TimedOutput? _timing;

    public TracenticSubject(string endpoint, int queue, int batch, string mode)
    {
        _client = new TracenticEngine(new TracenticOptions
        {
            ApiKey = "load-test-key",
            Endpoint = endpoint,
            ServiceName = "load-test",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
            QueueCapacity = queue,
            MaxBatchSize = batch,
        }, new ExportSetup
        {
            Output = (settings, log) => _timing = new TimedOutput(mode switch
            {
                "discard" => new DiscardExporter(),
                "json" => new JsonOnlyOutput(new OtlpJsonWriter(settings, log, WireLimits.Default, WireFlavour.TracenticIngest)),
                _ => TracenticIngestOutput.Create(settings, log, WireLimits.Default),
            }),
            HookExits = false,
        });
        _scopes = [.. Enumerable.Range(0, 16).Select(i => _client.Begin("request", new() { ["user_id"] = $"user-{i}" }))];
    }

    public long Exported => _timing!.Spans;

    public void Record(long i) => _client.RecordSpan(_scopes[i & 15], BenchmarkSpan.Chat(_start));

    public Task FlushAsync() => _client.FlushAsync();

    public void Reset() => _timing!.Reset();

    public string Describe() => $"export calls     {_timing!.Describe()}\n            dropped (queue)  {_client.DroppedSpans:N0}";

    public async ValueTask DisposeAsync() => await _client.ShutdownAsync();

    /// <summary>Times each export call (JSON writing, the HTTP round trip) of the real output.</summary>
    private sealed class TimedOutput(IExportOutput inner) : IExportOutput
    {
        private readonly List<double> _milliseconds = [];

        public long Spans { get; private set; }

        public async Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await inner.ExportAsync(batch, cancellationToken);
            lock (_milliseconds)
            {
                Spans += result.Status == ExportStatus.Delivered ? result.Count : 0;
                _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return result;
        }

        public void Reset()
        {
            lock (_milliseconds)
            {
                _milliseconds.Clear();
                Spans = 0;
            }
        }

        public string Describe()
        {
            double[] sorted;
            lock (_milliseconds)
            {
                sorted = [.. _milliseconds.Order()];
            }

            double At(double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
            return string.Create(CultureInfo.InvariantCulture, $"{sorted.Length:N0}, ms per call: median {At(0.5):0.00}, p99 {At(0.99):0.00}, max {At(1):0.00}");
        }

        public void Dispose() => inner.Dispose();
    }

    /// <summary>Writes the JSON body as the ingest output would, and sends nothing.</summary>
    private sealed class JsonOnlyOutput(OtlpJsonWriter writer) : IExportOutput
    {
        public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken) =>
            Task.FromResult(new ExportResult(ExportStatus.Delivered, writer.Write(batch, out _)));

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// The OpenTelemetry .NET SDK as an application would use it for the same span: an <see cref="ActivitySource"/>, the
/// batch export processor (same queue and batch size) and the OTLP exporter over http/protobuf to the sink's /v1/traces.
/// </summary>
internal sealed class OpenTelemetrySubject : ILoadSubject
{
    private static readonly ActivitySource Source = new("Tracentic.LoadTest");
    private readonly TracerProvider _provider;
    private readonly string[] _scopeIds = [.. Enumerable.Range(0, 16).Select(_ => ActivityTraceId.CreateRandom().ToHexString())];
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public OpenTelemetrySubject(string endpoint, int queue, int batch)
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("load-test").AddAttributes([new("deployment.environment", "production")]))
            .AddSource(Source.Name)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri(endpoint + "/v1/traces");
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.ExportProcessorType = ExportProcessorType.Batch;
                o.BatchExportProcessorOptions = new BatchExportProcessorOptions<Activity>
                {
                    MaxQueueSize = queue,
                    MaxExportBatchSize = batch,
                    ScheduledDelayMilliseconds = 1000,
                };
            })
            .Build();
    }

    public long Exported => 0;

    public void Record(long i)
    {
        // The same content as a Tracentic span: provider, model, tokens, cost, duration, scope and user attributes.
        using var activity = Source.StartActivity("llm.openai.chat", ActivityKind.Client, default(ActivityContext), startTime: _start);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("llm.provider", "openai");
        activity.SetTag("llm.request.model", "gpt-4o");
        activity.SetTag("llm.request.type", "chat");
        activity.SetTag("llm.usage.input_tokens", 1200L);
        activity.SetTag("llm.usage.output_tokens", 300L);
        activity.SetTag("llm.usage.total_tokens", 1500L);
        activity.SetTag("llm.duration_ms", 250L);
        activity.SetTag("llm.cost.total_usd", 1200 / 1e6 * 2.5 + 300 / 1e6 * 10.0);
        activity.SetTag("tracentic.scope.id", _scopeIds[i & 15]);
        activity.SetTag("tracentic.scope.name", "request");
        activity.SetTag("user_id", "user-" + (i & 15).ToString(CultureInfo.InvariantCulture));
        activity.SetTag("region", "eu-west-1");
        activity.SetTag("team", "platform");
        activity.SetEndTime(_start.AddMilliseconds(250).UtcDateTime);
    }

    public Task FlushAsync()
    {
        _provider.ForceFlush(60_000);
        return Task.CompletedTask;
    }

    public void Reset()
    {
    }

    public string Describe() => "exporter         OpenTelemetry 1.20.0, BatchActivityExportProcessor + OTLP http/protobuf";

    public ValueTask DisposeAsync()
    {
        _provider.Shutdown(60_000);
        _provider.Dispose();
        return ValueTask.CompletedTask;
    }
}
