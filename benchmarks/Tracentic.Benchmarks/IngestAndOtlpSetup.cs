using Tracentic.Engine;

namespace Tracentic.Benchmarks;

/// <summary>
/// The engine the output comparisons record through: the ingest output discarding, and the standard OTLP output over
/// HTTP to <paramref name="otlpEndpoint"/> when one is given; a scope with one attribute and two global attributes, and
/// the benchmarks' usual span (<see cref="BenchmarkSpan.Chat"/>).
/// </summary>
internal sealed record IngestAndOtlpSetup(TracenticEngine Engine, TracenticScope Scope, TracenticSpan Span, DiscardExporter Ingest)
{
    public static IngestAndOtlpSetup Create(string? otlpEndpoint)
    {
        var ingest = new DiscardExporter();
        var engine = new TracenticEngine(new TracenticOptions
        {
            ServiceName = "bench",
            GlobalAttributes = new() { ["region"] = "eu-west-1", ["team"] = "platform" },
            CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) },
            Otlp = otlpEndpoint is null ? null : new OtlpOutputOptions { Endpoint = otlpEndpoint },
        }, new ExportSetup { Output = (_, _) => ingest, HookExits = false });
        var span = BenchmarkSpan.Chat();
        return new(engine, engine.Begin("rag-pipeline", new() { ["user_id"] = "user-123" }), span, ingest);
    }
}
