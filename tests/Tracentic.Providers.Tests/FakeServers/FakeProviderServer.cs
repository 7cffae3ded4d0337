using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Tracentic.Providers.Tests.FakeServers;

/// <summary>
/// A provider's HTTP API on 127.0.0.1 (Kestrel, a free port) that answers each request with the next scripted
/// reply, whatever the path, and keeps every request. Time is the test's: a reply moves the
/// <see cref="FakeTimeProvider"/> forward by its latency before it is written, so the durations and times to
/// first token that Tracentic records are exactly the ones scripted.
/// </summary>
internal sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Queue<FakeReply> _script = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly FakeTimeProvider _clock;
    private WebApplication? _app;

    private FakeProviderServer(FakeTimeProvider clock) => _clock = clock;

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeProviderServer> StartAsync(FakeTimeProvider clock)
    {
        var server = new FakeProviderServer(clock);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>Answers the next requests with these replies, in order.</summary>
    public FakeProviderServer Reply(params FakeReply[] replies)
    {
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                _script.Enqueue(reply);
            }
        }

        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        FakeReply reply;
        lock (_gate)
        {
            _requests.Add(new FakeRequest(context.Request.Method, context.Request.Path.Value ?? "", body));
            reply = _script.Count > 0 ? _script.Dequeue() : FakeReply.Json(500, """{"error":{"message":"the test scripted no reply for this request"}}""");
        }

        _clock.Advance(reply.Latency);
        context.Response.StatusCode = reply.Status;
        if (reply.Events is null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body ?? "{}", context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        foreach (var (name, data) in reply.Events)
        {
            var text = name is null ? $"data: {data}\n\n" : $"event: {name}\ndata: {data}\n\n";
            await context.Response.WriteAsync(text, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One request as the fake provider got it.</summary>
internal sealed record FakeRequest(string Method, string Path, string Body);

/// <summary>
/// A scripted reply: a JSON body, or server-sent events (<c>event:</c> name, or none, and the <c>data:</c> line).
/// <see cref="Latency"/> is how far the test clock moves before the reply (or its first event) is written.
/// </summary>
internal sealed record FakeReply(int Status, string? Body, IReadOnlyList<(string? Name, string Data)>? Events, TimeSpan Latency)
{
    public static FakeReply Json(int status, string body, int latencyMs = 0) =>
        new(status, body, null, TimeSpan.FromMilliseconds(latencyMs));

    public static FakeReply Sse(IReadOnlyList<(string? Name, string Data)> events, int firstEventAfterMs) =>
        new(200, null, events, TimeSpan.FromMilliseconds(firstEventAfterMs));
}
