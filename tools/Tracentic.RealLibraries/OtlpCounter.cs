using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracentic.RealLibraries;

/// <summary>An OTLP/HTTP JSON endpoint on 127.0.0.1 that counts requests and spans (by name) and answers 200.</summary>
internal sealed class OtlpCounter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _spans;
    private long _malformed;

    private OtlpCounter(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public long Spans => Interlocked.Read(ref _spans);

    public long Malformed => Interlocked.Read(ref _malformed);

    public ConcurrentDictionary<string, long> Names { get; } = new(StringComparer.Ordinal);

    public static async Task<OtlpCounter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var counter = new OtlpCounter(app);
        app.MapPost("/v1/traces", counter.ReceiveAsync);
        await app.StartAsync();
        counter.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return counter;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            foreach (var resource in body.RootElement.GetProperty("resourceSpans").EnumerateArray())
            {
                foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
                {
                    foreach (var span in scope.GetProperty("spans").EnumerateArray())
                    {
                        Interlocked.Increment(ref _spans);
                        Names.AddOrUpdate(span.GetProperty("name").GetString() ?? "?", 1, static (_, n) => n + 1);
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Interlocked.Increment(ref _malformed);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
