using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>A scope begun while ASP.NET Core handles a request joins the request's trace, W3C traceparent included.</summary>
public sealed class AspNetCoreRequestTests
{
    [Fact]
    public async Task Scopes_begun_in_a_request_are_children_of_the_request_span_in_the_callers_trace()
    {
        var exported = new ActivityLog();
        var engine = Engines.InProcessOnly();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddTracenticInstrumentation()
            .AddInMemoryExporter(exported));
        await using var app = builder.Build();
        app.MapGet("/ask", () =>
        {
            using var scope = engine.Begin("ask");
            engine.RecordSpan(scope, Engines.Chat());
            return scope.TraceId;
        });
        await app.StartAsync();

        const string callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string callerSpan = "00f067aa0ba902b7";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ask");
        request.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");
        using var response = await app.GetTestClient().SendAsync(request);
        var scopeTrace = await response.Content.ReadAsStringAsync();
        await app.StopAsync();

        var server = exported.Single(a => a.Kind == ActivityKind.Server); // stops after the response is written: may come later
        var scope = exported.Single(a => a.DisplayName == "ask");
        var llm = exported.Single(a => a.DisplayName == "chat gpt-4o");
        Assert.Equal(callerTrace, server.TraceId.ToHexString());
        Assert.Equal(callerSpan, server.ParentSpanId.ToHexString());
        Assert.Equal(callerTrace, scopeTrace);
        Assert.Equal(server.SpanId, scope.ParentSpanId);
        Assert.Equal(scope.SpanId, llm.ParentSpanId);
        Assert.Equal(callerTrace, llm.TraceId.ToHexString());
    }
}
