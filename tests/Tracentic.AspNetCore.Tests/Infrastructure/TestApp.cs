using Microsoft.Extensions.DependencyInjection.Extensions;
using Tracentic.Core;
using Tracentic.Engine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracentic.AspNetCore.Configuration;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.AspNetCore.Tests.Infrastructure;

/// <summary>How to build a <see cref="TestApp"/>.</summary>
internal sealed class TestAppSetup
{
    /// <summary>Real Kestrel on 127.0.0.1, port 0; otherwise the in-process TestServer.</summary>
    public bool Kestrel { get; init; }

    public HttpProtocols Protocols { get; init; } = HttpProtocols.Http1;

    /// <summary>When set, AddTracentic reads the "Tracentic" section of this configuration.</summary>
    public Dictionary<string, string?>? Configuration { get; init; }

    /// <summary>What the TRACENTIC_* environment variables read as (the real environment is never consulted).</summary>
    public Dictionary<string, string>? Environment { get; init; }

    /// <summary>Export to an <see cref="InMemoryExporter"/> (no API key needed); otherwise the engine is left as configured.</summary>
    public bool ExportInMemory { get; init; } = true;

    /// <summary>The engine's settings in code: the configure delegate of AddTracentic.</summary>
    public Action<TracenticOptions>? Configure { get; init; }

    /// <summary>What only a web host has, set with services.Configure.</summary>
    public Action<TracenticAspNetCoreOptions>? Web { get; init; }

    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Middleware and endpoints.</summary>
    public Action<WebApplication>? Pipeline { get; init; }
}

/// <summary>A started web application with Tracentic registered, and what a test needs to look at it.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, InMemoryExporter exporter, CapturingLoggerProvider logs, HttpClient client)
    {
        App = app;
        Exporter = exporter;
        Logs = logs;
        Client = client;
    }

    public WebApplication App { get; }

    public InMemoryExporter Exporter { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    public ITracentic Engine => App.Services.GetRequiredService<ITracentic>();

    public Uri BaseAddress => Client.BaseAddress!;

    /// <summary>Builds the application without starting it (for tests that expect startup to fail).</summary>
    public static WebApplication Build(TestAppSetup setup, InMemoryExporter exporter, CapturingLoggerProvider logs)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(logs);
        if (setup.Kestrel)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = setup.Protocols));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var environment = setup.Environment ?? [];
        builder.Services.AddSingleton(new TracenticEnvironment(name => environment.GetValueOrDefault(name)));
        if (setup.ExportInMemory)
        {
            // Registered before AddTracentic, so environment, configuration and the test's own settings override it.
            builder.Services.AddSingleton(exporter.Setup);
            builder.Services.Configure<TracenticOptions>(options =>
            {
                options.BatchDelay = TimeSpan.FromMilliseconds(20);
                options.QueueCapacity = 100_000;
            });
        }

        builder.Services.TryAddSingleton(new ExportSetup { HookExits = false });

        if (setup.Configuration is { } configuration)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.AddTracentic(builder.Configuration.GetSection("Tracentic"), setup.Configure);
        }
        else
        {
            builder.Services.AddTracentic(setup.Configure);
        }

        if (setup.Web is { } web)
        {
            builder.Services.Configure(web);
        }

        setup.Services?.Invoke(builder.Services);
        var app = builder.Build();
        setup.Pipeline?.Invoke(app);
        return app;
    }

    public static async Task<TestApp> StartAsync(TestAppSetup setup)
    {
        var exporter = new InMemoryExporter();
        var logs = new CapturingLoggerProvider();
        var app = Build(setup, exporter, logs);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);

        HttpClient client;
        if (setup.Kestrel)
        {
            var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
            client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
            if (setup.Protocols == HttpProtocols.Http2)
            {
                client.DefaultRequestVersion = HttpVersion.Version20;
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }
        }
        else
        {
            client = app.GetTestClient();
        }

        return new TestApp(app, exporter, logs, client);
    }

    /// <summary>Flushes the engine and returns everything exported so far.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> FlushAsync()
    {
        await Engine.FlushAsync();
        return Exporter.Spans;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}

internal static class Spans
{
    /// <summary>A minimal completed LLM call, tagged so a test can tell which code recorded it.</summary>
    public static TracenticSpan Call(Dictionary<string, object?>? attributes = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new TracenticSpan
        {
            StartedAt = now.AddMilliseconds(-5),
            EndedAt = now,
            Provider = "openai",
            Model = "gpt-4o",
            OperationType = "chat",
            InputTokens = 10,
            OutputTokens = 5,
            Attributes = attributes,
        };
    }
}
