using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Instrumentation;

namespace Tracentic.AspNetCore.Tests;

/// <summary>Real Kestrel servers on 127.0.0.1: cross-service linking over HTTP, and request isolation on one connection.</summary>
public sealed class KestrelCrossServiceTests : ProcessWideTest
{
    [Fact]
    public async Task A_workers_scopes_are_children_of_the_gateway_scope_that_called_it()
    {
        string? ambientAtWorkerEntry = "unset";
        await using var worker = await TestApp.StartAsync(new TestAppSetup
        {
            Kestrel = true,
            Configure = o =>
            {
                o.ServiceName = "worker";
            },
            Web = o =>
            {
                o.LinkIncomingScope = true;
            },
            Pipeline = web => web.MapPost("/process", async (ITracentic tracentic) =>
            {
                ambientAtWorkerEntry = TracenticScope.Current?.Id;
                using (TracenticInstrumentation.EnterScope("worker-pipeline")) // what a [TracenticScope] wrapper does
                {
                    await Task.Yield();
                    tracentic.RecordSpan(Spans.Call(new() { ["step"] = "generated-scope" }));
                }

                var manual = tracentic.Begin("worker-manual");
                await Task.Yield();
                tracentic.RecordSpan(manual, Spans.Call(new() { ["step"] = "manual-scope" }));
            }),
        });

        // Two hosts in one process: the worker owns the process-wide instance, the gateway uses its own engine.
        await using var gateway = await TestApp.StartAsync(new TestAppSetup
        {
            Kestrel = true,
            Configure = o =>
            {
                o.ServiceName = "gateway";
            },
            Web = o =>
            {
                o.ProcessWide = false;
            },
            Services = services => services
                .AddHttpClient("worker", client => client.BaseAddress = worker.BaseAddress)
                .AddTracenticScopePropagation(),
            Pipeline = web => web.MapGet("/ask", async (ITracentic tracentic, IHttpClientFactory clients) =>
            {
                var scope = tracentic.Begin("gateway-handler");
                using (scope.Activate())
                {
                    tracentic.RecordSpan(Spans.Call(new() { ["step"] = "gateway" }));
                    using var response = await clients.CreateClient("worker").PostAsync(new Uri("/process", UriKind.Relative), content: null);
                    response.EnsureSuccessStatusCode();
                }

                return scope.Id;
            }),
        });

        var gatewayScopeId = await gateway.Client.GetStringAsync(new Uri("/ask", UriKind.Relative));

        var gatewaySpan = Assert.Single(await gateway.FlushAsync());
        Assert.Equal(gatewayScopeId, gatewaySpan.ScopeId);
        Assert.Null(gatewaySpan.ScopeParentId);
        var workerSpans = await worker.FlushAsync();
        Assert.Equal(2, workerSpans.Count);
        Assert.All(workerSpans, span => Assert.Equal(gatewayScopeId, span.ScopeParentId));
        Assert.Equal(["worker-manual", "worker-pipeline"], workerSpans.Select(s => s.ScopeName).Order());
        Assert.NotEqual(gatewayScopeId, Assert.Single(workerSpans, s => (string)s["step"]! == "generated-scope").ScopeId);

        // The link travelled in the header, not through shared async state: the worker started without an ambient scope.
        Assert.Null(ambientAtWorkerEntry);
    }

    [Fact]
    public async Task A_failed_request_leaves_nothing_for_the_next_request_on_the_same_connection()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Kestrel = true,
            Web = o =>
            {
                o.LinkIncomingScope = true;
                o.RequestAttributes = context => context.Request.Headers.TryGetValue("x-user", out var user) ? new() { ["user_id"] = user.ToString() } : null;
            },
            Pipeline = web =>
            {
                web.MapGet("/boom", async (ITracentic tracentic) =>
                {
                    tracentic.Begin("never-disposed").Activate(); // left active on purpose
                    await Task.Yield();
                    throw new InvalidOperationException("handler failed");
                });
                web.MapGet("/next", (HttpContext context, ITracentic tracentic) =>
                {
                    tracentic.RecordSpan(Spans.Call(new()
                    {
                        ["ambient_scope"] = TracenticScope.Current?.Name ?? "none",
                        ["connection"] = context.Connection.Id,
                    }));
                });
            },
        });
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = app.BaseAddress };

        for (var i = 0; i < 5; i++)
        {
            using var boom = new HttpRequestMessage(HttpMethod.Get, new Uri("/boom", UriKind.Relative));
            boom.Headers.Add("x-user", "mallory");
            boom.Headers.Add(TracenticHeaders.Scope, "feedfacefeedfacefeedfacefeedface");
            using (var failed = await client.SendAsync(boom))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            }

            using var next = await client.GetAsync(new Uri("/next", UriKind.Relative));
            next.EnsureSuccessStatusCode();
        }

        var spans = await app.FlushAsync();
        Assert.Equal(5, spans.Count);
        Assert.Single(spans.Select(s => s["connection"]).Distinct()); // every request ran on one kept-alive connection
        Assert.All(spans, span =>
        {
            Assert.Equal("none", span["ambient_scope"]);
            Assert.False(span.Attributes.ContainsKey("user_id"));
            Assert.Null(span.ScopeParentId);
        });
    }
}
