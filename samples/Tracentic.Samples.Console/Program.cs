// A RAG pipeline traced with [TracenticScope] and [TracenticLlmCall] only, over a deterministic fake model.
//
//   dotnet run --project samples/Tracentic.Samples.Console
//
// Without TRACENTIC_API_KEY, spans go to a local receiver on 127.0.0.1 that speaks the Tracentic ingest API,
// and the sample prints what it received as a tree. With TRACENTIC_API_KEY (and TRACENTIC_ENDPOINT for a
// self-hosted deployment), they go to Tracentic instead.
//
// With --otlp URL (or the OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT variables), the spans
// also go as standard OTLP to that OpenTelemetry endpoint: a Collector, Jaeger, or the Aspire dashboard, e.g.
//
//   dotnet run --project samples/Tracentic.Samples.Console -- --otlp http://localhost:4318
using RagSample;
using Tracentic;
using Tracentic.Local;

var apiKey = Environment.GetEnvironmentVariable("TRACENTIC_API_KEY");
var endpoint = Environment.GetEnvironmentVariable("TRACENTIC_ENDPOINT");
var exportToTracentic = !string.IsNullOrWhiteSpace(apiKey);

await using var receiver = exportToTracentic ? null : await LocalReceiver.StartAsync();
if (receiver is not null)
{
    Console.WriteLine("TRACENTIC_API_KEY is not set: exporting to a local receiver on 127.0.0.1.");
    if (!string.IsNullOrWhiteSpace(endpoint))
    {
        Console.WriteLine("(TRACENTIC_ENDPOINT is set but ignored without TRACENTIC_API_KEY.)");
    }
}
else
{
    endpoint = string.IsNullOrWhiteSpace(endpoint) ? TracenticOptions.DefaultEndpoint : endpoint.Trim();
    Console.WriteLine($"Exporting to {endpoint} (TRACENTIC_API_KEY is set).");
}

var otlp = OtlpFromArguments(args) ?? OtlpOutputOptions.FromEnvironment();
if (otlp is not null)
{
    Console.WriteLine($"Also sending standard OTLP to {otlp.TracesEndpoint ?? otlp.Endpoint}.");
}

var tracentic = TracenticSdk.Configure(new TracenticOptions
{
    Otlp = otlp,
    ApiKey = receiver?.ApiKey ?? apiKey,
    Endpoint = receiver?.Endpoint ?? endpoint!,
    ServiceName = "rag-console-sample",
    Environment = "development",
    CustomPricing = FakeModels.Pricing(),
    GlobalAttributes = new() { ["app"] = "rag-sample" },
});

var pipeline = new RagPipeline(new LlmCalls(new FakeChatClient(), new FakeEmbeddingGenerator()), KnowledgeBase.CreateDefault());
(string User, string Id, string Question)[] questions =
[
    ("user-ada", "q-1001", "How is the cost of an LLM call computed?"),
    ("user-linus", "q-1002", "How do I link scopes across services?"),
];

foreach (var (user, id, question) in questions)
{
    Console.WriteLine();
    Console.WriteLine($"Q [{id}] {question}");
    var answer = await pipeline.AnswerAsync(user, id, question);
    Console.WriteLine($"A: {answer.Text}");
    Console.WriteLine($"   sources: {string.Join(", ", answer.Sources.Select(s => s.Id))}");
}

// Delivers every recorded span before returning. At process exit this happens anyway; explicit is clearer.
await tracentic.ShutdownAsync();

Console.WriteLine();
if (receiver is not null)
{
    Console.WriteLine($"The local receiver got {receiver.Spans.Count} spans in {receiver.Batches.Count} request(s):");
    Console.WriteLine();
    Console.Write(receiver.RenderTree());
    if (receiver.Rejected.Count > 0)
    {
        Console.WriteLine($"Rejected requests: {string.Join("; ", receiver.Rejected.Select(r => $"{r.StatusCode} {r.Reason}"))}");
        return 1;
    }
}
else
{
    Console.WriteLine($"Done: the spans were sent to {endpoint}; look for service \"rag-console-sample\".");
}

return 0;

static OtlpOutputOptions? OtlpFromArguments(string[] args)
{
    var at = Array.IndexOf(args, "--otlp");
    if (at < 0)
    {
        return null;
    }

    if (at + 1 >= args.Length)
    {
        throw new ArgumentException("--otlp needs the endpoint's base URL, e.g. --otlp http://localhost:4318");
    }

    return new OtlpOutputOptions { Endpoint = args[at + 1] };
}
