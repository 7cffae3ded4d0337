// Two services linked across HTTP: a gateway and a worker, minimal APIs on 127.0.0.1, in one process so the
// sample runs with one command:
//
//   dotnet run --project samples/Tracentic.Samples.WebApi
//
// It starts both, sends a few requests to the gateway, stops them (which flushes their spans) and prints the
// linked tree. Without TRACENTIC_API_KEY the spans go to a local receiver on 127.0.0.1; with it (and
// TRACENTIC_ENDPOINT for a self-hosted deployment), services.AddTracentic reads both and exports to Tracentic.
//
// One process, two services: generated [TracenticScope]/[TracenticLlmCall] wrappers record through the one
// process-wide engine, which the gateway owns. The worker host has its own engine (ProcessWide = false), so its
// spans carry its own service name, and records through the injected ITracentic. Deployed separately, each
// service would own its process and both could use the attributes.
//
// OpenTelemetry hosting: with OTEL_EXPORTER_OTLP_ENDPOINT set, the gateway host also runs the OpenTelemetry SDK
// (ASP.NET Core and HttpClient instrumentation, AddTracenticInstrumentation, the OTLP exporter), so requests, HTTP
// calls, Tracentic scopes and LLM calls arrive as one trace at any OpenTelemetry backend, e.g. the Aspire dashboard:
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
//     dotnet run --project samples/Tracentic.Samples.WebApi
using System.Net;
using System.Net.Http.Json;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tracentic;
using Tracentic.AspNetCore;
using Tracentic.Local;
using WebApiSample;

var exportToTracentic = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TRACENTIC_API_KEY"));
await using var receiver = exportToTracentic ? null : await LocalReceiver.StartAsync();
Console.WriteLine(receiver is null
    ? "TRACENTIC_API_KEY is set: the services export to Tracentic."
    : "TRACENTIC_API_KEY is not set: the services export to a local receiver on 127.0.0.1.");

void UseLocalReceiver(TracenticOptions options)
{
    if (receiver is not null)
    {
        options.ApiKey = receiver.ApiKey;
        options.Endpoint = receiver.Endpoint;
    }

    options.CustomPricing = FakeModel.Pricing();
    options.Environment = "development";
}

// ---- The worker ----
var workerBuilder = WebApplication.CreateSlimBuilder(args);
workerBuilder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
workerBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
workerBuilder.Services.AddTracentic(options =>
{
    UseLocalReceiver(options);
    options.ServiceName = "rag-worker";
});
workerBuilder.Services.Configure<TracenticAspNetCoreOptions>(web =>
{
    web.ProcessWide = false;
    web.LinkIncomingScope = true; // x-tracentic-scope-id from the gateway becomes the parent of scopes begun here
    web.RequestAttributes = context => new() { ["route"] = context.Request.Path.Value };
});
workerBuilder.Services.AddSingleton<FakeModel>();
workerBuilder.Services.AddSingleton(TimeProvider.System);
workerBuilder.Services.AddSingleton<SummarizeHandler>();
var worker = workerBuilder.Build();
worker.MapPost("/summarize", (string topic, SummarizeHandler handler, CancellationToken cancellationToken) => handler.SummarizeAsync(topic, cancellationToken));
await worker.StartAsync();
var workerAddress = new Uri(worker.Urls.Single());

// ---- The gateway ----
var gatewayBuilder = WebApplication.CreateSlimBuilder(args);
gatewayBuilder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
gatewayBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
gatewayBuilder.Services.AddTracentic(options =>
{
    UseLocalReceiver(options);
    options.ServiceName = "rag-gateway";
    options.GlobalAttributes = new() { ["region"] = "local" };
});

// Evaluated once per request; only that request's spans carry the values.
gatewayBuilder.Services.Configure<TracenticAspNetCoreOptions>(web => web.RequestAttributes = context => new()
{
    ["user_id"] = context.Request.Headers["x-user-id"].ToString(),
    ["route"] = context.Request.Path.Value,
});
if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
{
    // One OpenTelemetry pipeline for the process: listeners are process-wide, so a second one in the worker host
    // would export every activity twice. Deployed separately, each service would register this in its own host.
    gatewayBuilder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("rag-webapi-sample"))
        .WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddTracenticInstrumentation()
            .AddOtlpExporter())
        .WithMetrics(metrics => metrics
            .AddTracenticInstrumentation()
            .AddOtlpExporter());
    Console.WriteLine("OTEL_EXPORTER_OTLP_ENDPOINT is set: traces and metrics also go to it through the OpenTelemetry SDK.");
}

gatewayBuilder.Services
    .AddHttpClient("worker", client => client.BaseAddress = workerAddress)
    .AddTracenticScopePropagation(); // sends the ambient scope's id in TracenticHeaders.Scope
gatewayBuilder.Services.AddSingleton<FakeModel>();
gatewayBuilder.Services.AddSingleton<GatewayModel>();
gatewayBuilder.Services.AddSingleton<AskHandler>();
var gateway = gatewayBuilder.Build();
gateway.MapGet("/ask", (string q, HttpContext context, AskHandler handler, CancellationToken cancellationToken) =>
    handler.AskAsync(context.Request.Headers["x-request-id"].FirstOrDefault() ?? context.TraceIdentifier, q, cancellationToken));
await gateway.StartAsync();

// ---- A few requests, as a client would send them ----
using (var client = new HttpClient { BaseAddress = new Uri(gateway.Urls.Single()) })
{
    (string Id, string User, string Question)[] requests =
    [
        ("req-1", "user-ada", "How is the cost of a call computed?"),
        ("req-2", "user-linus", "How do I link two services?"),
        ("req-3", "user-ada", "What is the weather on Mars?"),
    ];
    foreach (var (id, user, question) in requests)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ask?q={Uri.EscapeDataString(question)}");
        request.Headers.Add("x-request-id", id);
        request.Headers.Add("x-user-id", user);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<AskResult>();
        Console.WriteLine($"{user}: {question}");
        Console.WriteLine($"  -> [{result?.Topic}] {result?.Answer}");
    }
}

// Stopping a host flushes and shuts down its engine after the server has drained.
await gateway.StopAsync();
await worker.StopAsync();
await gateway.DisposeAsync();
await worker.DisposeAsync();

Console.WriteLine();
if (receiver is not null)
{
    Console.WriteLine($"The local receiver got {receiver.Spans.Count} spans from {string.Join(" and ", receiver.BuildTree().Services)}:");
    Console.WriteLine();
    Console.Write(receiver.RenderTree());
    return receiver.Rejected.Count == 0 ? 0 : 1;
}

Console.WriteLine("Done: the spans were sent to Tracentic; look for services \"rag-gateway\" and \"rag-worker\".");
return 0;
