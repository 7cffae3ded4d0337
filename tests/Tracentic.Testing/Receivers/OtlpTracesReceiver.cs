using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracentic.Testing;

/// <summary>
/// A minimal OTLP/HTTP traces endpoint on 127.0.0.1 (Kestrel, a free port) that keeps every request and answers
/// with scripted status codes, then 200. For what the Aspire dashboard does not show: headers, retries, raw bodies.
/// Not <see cref="IngestReceiver"/>: standard OTLP (hex ids, any path, <c>/v1/traces</c>) is not the ingest flavour
/// that the shipped receiver's parser validates, so this one keeps bodies as they came.
/// </summary>
internal sealed class OtlpTracesReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Path, IReadOnlyDictionary<string, string> Headers, string ContentType, byte[] Body, int Status)> _requests = [];
    private readonly Queue<int> _script = new();

    private OtlpTracesReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<(string Path, IReadOnlyDictionary<string, string> Headers, string ContentType, byte[] Body, int Status)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The spans of every request answered 200, parsed from OTLP JSON.</summary>
    public IReadOnlyList<JsonElement> DeliveredSpans => [.. Requests.Where(r => r.Status == 200).SelectMany(r => Spans(r.Body))];

    public static Task<OtlpTracesReceiver> StartAsync(params int[] script) => StartAsync(0, script);

    /// <summary>Starts on <paramref name="port"/> (0: a free one), answering with <paramref name="script"/> first.</summary>
    public static async Task<OtlpTracesReceiver> StartAsync(int port, int[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTracesReceiver(app);
        foreach (var status in script)
        {
            receiver._script.Enqueue(status);
        }

        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            int status;
            lock (receiver._requests)
            {
                status = receiver._script.Count > 0 ? receiver._script.Dequeue() : 200;
                receiver._requests.Add((context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), context.Request.ContentType ?? "", body.ToArray(), status));
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsync("{}");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public static IEnumerable<JsonElement> Spans(byte[] body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        return root.GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray())
            .SelectMany(s => s.GetProperty("spans").EnumerateArray())
            .ToList();
    }

    public static Dictionary<string, JsonElement> Attributes(JsonElement span) =>
        span.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
