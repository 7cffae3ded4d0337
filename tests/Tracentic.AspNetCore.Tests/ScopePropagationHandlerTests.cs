using Microsoft.Extensions.DependencyInjection;
using Tracentic.Testing;

namespace Tracentic.AspNetCore.Tests;

/// <summary>Outgoing requests only: these touch no process-wide state and run in parallel with other classes.</summary>
public sealed class ScopePropagationHandlerTests
{
    [Fact]
    public async Task The_ambient_scopes_id_is_sent_in_the_scope_header()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using var _ = engine;
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new TracenticScopePropagationHandler(recorder));
        var scope = engine.Begin("gateway");

        using (scope.Activate())
        {
            await client.GetAsync(new Uri("http://127.0.0.1:1/"));
        }

        Assert.Equal([scope.Id], recorder.ScopeHeaders.Single()!);
    }

    [Fact]
    public async Task A_header_the_caller_set_is_not_overwritten()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using var _ = engine;
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new TracenticScopePropagationHandler(recorder));

        using (engine.Begin("gateway").Activate())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1:1/"));
            request.Headers.Add(TracenticHeaders.Scope, "chosen-by-caller");
            await client.SendAsync(request);
        }

        Assert.Equal(["chosen-by-caller"], recorder.ScopeHeaders.Single()!);
    }

    [Fact]
    public async Task Without_an_ambient_scope_no_header_is_sent()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new TracenticScopePropagationHandler(recorder));

        await client.GetAsync(new Uri("http://127.0.0.1:1/"));

        Assert.Null(recorder.ScopeHeaders.Single());
    }

    [Fact]
    public async Task AddTracenticScopePropagation_adds_the_handler_to_a_factory_client()
    {
        var (engine, _) = InMemoryExporter.CreateClient();
        await using var _ = engine;
        var recorder = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("worker")
            .ConfigurePrimaryHttpMessageHandler(() => recorder)
            .AddTracenticScopePropagation();
        using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("worker");
        var scope = engine.Begin("gateway");

        using (scope.Activate())
        {
            await client.GetAsync(new Uri("http://127.0.0.1:1/"));
        }

        await client.GetAsync(new Uri("http://127.0.0.1:1/"));

        Assert.Equal([[scope.Id], null], recorder.ScopeHeaders);
    }

    /// <summary>Answers every request itself, remembering the scope header it carried.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly List<string[]?> _scopeHeaders = [];

        public IReadOnlyList<string[]?> ScopeHeaders
        {
            get
            {
                lock (_scopeHeaders)
                {
                    return [.. _scopeHeaders];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_scopeHeaders)
            {
                _scopeHeaders.Add(request.Headers.TryGetValues(TracenticHeaders.Scope, out var values) ? [.. values] : null);
            }

            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
