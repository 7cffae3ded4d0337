using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracentic.AspNetCore.Configuration;
using Tracentic.Testing;
using Tracentic.AspNetCore.Tests.Infrastructure;

namespace Tracentic.AspNetCore.Tests;

public sealed class PipelineTests : ProcessWideTest
{
    [Fact]
    public async Task Without_UseTracentic_the_middleware_is_placed_automatically_and_runs_once_per_request()
    {
        var evaluations = 0;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.RequestAttributes = context =>
            {
                Interlocked.Increment(ref evaluations);
                return new() { ["user_id"] = context.Request.Headers["x-user"].ToString() };
            },
            Pipeline = web => web.MapGet("/", (ITracentic t) => t.RecordSpan(Spans.Call())),
        });

        await Send(app, "/", ("x-user", "alice"));
        await Send(app, "/", ("x-user", "bob"));

        Assert.Equal(2, evaluations);
        Assert.Equal(["alice", "bob"], (await app.FlushAsync()).Select(s => (string)s["user_id"]!).Order());
    }

    [Fact]
    public async Task UseTracentic_places_the_middleware_after_authentication_and_the_automatic_one_steps_aside()
    {
        var seen = new List<string?>();
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.RequestAttributes = context =>
            {
                lock (seen)
                {
                    seen.Add(context.User.FindFirst("sub")?.Value);
                }

                return new() { ["user_id"] = context.User.FindFirst("sub")?.Value };
            },
            Pipeline = web =>
            {
                // Stands in for UseAuthentication: the user is known only from here on.
                web.Use((context, next) =>
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", context.Request.Headers["x-user"].ToString())], "test"));
                    return next(context);
                });
                web.UseTracentic();
                web.MapGet("/", (ITracentic t) => t.RecordSpan(Spans.Call()));
            },
        });

        await Send(app, "/", ("x-user", "carol"));

        // Evaluated once, and only where the user was known: the automatic placement (first in the pipeline) did not run.
        Assert.Equal(["carol"], seen);
        Assert.Equal("carol", Assert.Single(await app.FlushAsync())["user_id"]);
    }

    [Fact]
    public async Task UseTracentic_in_a_Configure_method_of_the_generic_host_also_replaces_the_automatic_placement()
    {
        var exporter = new InMemoryExporter();
        var seen = new List<string?>();
        using var host = await new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(services =>
                {
                    services.AddSingleton(new TracenticEnvironment(_ => null));
                    services.AddSingleton(exporter.Setup);
                    services.AddTracentic();
                    services.Configure<TracenticAspNetCoreOptions>(o =>
                    {
                        o.RequestAttributes = context =>
                        {
                            seen.Add(context.User.Identity?.Name);
                            return new() { ["user_id"] = context.User.Identity?.Name };
                        };
                    });
                })
                .Configure(app =>
                {
                    app.Use((context, next) =>
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "erin")], "test"));
                        return next(context);
                    });
                    app.UseTracentic();
                    app.Run(context =>
                    {
                        context.RequestServices.GetRequiredService<ITracentic>().RecordSpan(Spans.Call());
                        return Task.CompletedTask;
                    });
                }))
            .StartAsync();

        using var response = await host.GetTestClient().GetAsync(new Uri("/", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        await host.Services.GetRequiredService<ITracentic>().FlushAsync();
        await host.StopAsync();

        Assert.Equal(["erin"], seen);
        Assert.Equal("erin", Assert.Single(exporter.Spans)["user_id"]);
    }

    [Fact]
    public async Task UseTracentic_twice_still_evaluates_once_per_request()
    {
        var evaluations = 0;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.RequestAttributes = _ =>
            {
                Interlocked.Increment(ref evaluations);
                return null;
            },
            Pipeline = web =>
            {
                web.UseTracentic();
                web.UseTracentic();
                web.MapGet("/", () => "ok");
            },
        });

        await Send(app, "/");

        Assert.Equal(1, evaluations);
    }

    [Fact]
    public async Task UseTracentic_without_AddTracentic_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var web = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => web.UseTracentic());

        Assert.Contains("AddTracentic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attribute_layers_merge_span_over_scope_over_request_over_global_context_over_options()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configure = o =>
            {
                o.GlobalAttributes = new() { ["k1"] = "options", ["k2"] = "options", ["k3"] = "options", ["k4"] = "options", ["k5"] = "options" };
            },
            Web = o =>
            {
                o.RequestAttributes = _ => new() { ["k3"] = "request", ["k4"] = "request", ["k5"] = "request" };
            },
            Pipeline = web => web.MapGet("/", (ITracentic t) =>
            {
                var scope = t.Begin("layers", new() { ["k4"] = "scope", ["k5"] = "scope" });
                t.RecordSpan(scope, Spans.Call(new() { ["k5"] = "span" }));
            }),
        });
        TracenticGlobalContext.Current.Set("k2", "context");
        TracenticGlobalContext.Current.Set("k3", "context");

        await Send(app, "/");

        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal("options", span["k1"]);
        Assert.Equal("context", span["k2"]);
        Assert.Equal("request", span["k3"]);
        Assert.Equal("scope", span["k4"]);
        Assert.Equal("span", span["k5"]);
    }

    [Fact]
    public async Task A_null_request_value_hides_a_global_attribute_for_that_request_only()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configure = o =>
            {
                o.GlobalAttributes = new() { ["plan"] = "free" };
            },
            Web = o =>
            {
                o.RequestAttributes = context => context.Request.Headers.ContainsKey("x-hide-plan")
                    ? new() { ["plan"] = null, ["request"] = "hiding" }
                    : new() { ["request"] = "plain" };
            },
            Pipeline = web => web.MapGet("/", (ITracentic t) => t.RecordSpan(Spans.Call())),
        });
        TracenticGlobalContext.Current.Set("deploy", "d-7");

        await Send(app, "/", ("x-hide-plan", "1"));
        await Send(app, "/");

        var spans = await app.FlushAsync();
        var hiding = spans.Single(s => (string)s["request"]! == "hiding");
        var plain = spans.Single(s => (string)s["request"]! == "plain");
        Assert.False(hiding.Attributes.ContainsKey("plan"));
        Assert.Equal("d-7", hiding["deploy"]);
        Assert.Equal("free", plain["plan"]);
    }

    [Fact]
    public async Task Request_values_are_never_written_to_the_global_context()
    {
        IReadOnlyDictionary<string, object?>? globalDuringRequest = null;
        IReadOnlyDictionary<string, object?>? requestDuringRequest = null;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.RequestAttributes = _ => new() { ["user_id"] = "dave", ["tenant"] = "acme" },
            Pipeline = web => web.MapGet("/", () =>
            {
                globalDuringRequest = TracenticGlobalContext.Current.GetAll();
                requestDuringRequest = TracenticRequestContext.Current?.Attributes;
            }),
        });

        await Send(app, "/");

        Assert.Empty(globalDuringRequest!);
        Assert.Empty(TracenticGlobalContext.Current.GetAll());
        Assert.Equal("dave", requestDuringRequest!["user_id"]);
        Assert.Equal("acme", requestDuringRequest["tenant"]);
    }

    [Fact]
    public async Task A_throwing_RequestAttributes_function_is_logged_and_the_request_proceeds()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configure = o =>
            {
                o.GlobalAttributes = new() { ["region"] = "eu" };
            },
            Web = o =>
            {
                o.RequestAttributes = _ => throw new InvalidOperationException("no tenant");
            },
            Pipeline = web => web.MapGet("/", (ITracentic t) => t.RecordSpan(Spans.Call())),
        });

        await Send(app, "/");

        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal("eu", span["region"]);
        var warning = Assert.Single(app.Logs.Entries, e => e.Category == "Tracentic.AspNetCore");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Fact]
    public async Task With_nothing_to_add_per_request_no_request_context_is_entered()
    {
        var entered = true;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Pipeline = web => web.MapGet("/", () => entered = TracenticRequestContext.Current is not null),
        });

        await Send(app, "/", (Tracentic.TracenticHeaders.Scope, "0123456789abcdef0123456789abcdef"));

        Assert.False(entered);
    }

    [Fact]
    public async Task An_exception_in_a_handler_leaves_nothing_for_the_next_request()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o =>
            {
                o.LinkIncomingScope = true;
                o.RequestAttributes = context => context.Request.Headers.TryGetValue("x-user", out var user) ? new() { ["user_id"] = user.ToString() } : null;
            },
            Pipeline = web =>
            {
                web.MapGet("/boom", (ITracentic t) =>
                {
                    t.Begin("never-disposed").Activate(); // left active on purpose
                    throw new InvalidOperationException("handler failed");
                });
                web.MapGet("/next", (ITracentic t) =>
                {
                    t.RecordSpan(Spans.Call(new() { ["ambient_scope"] = TracenticScope.Current?.Name ?? "none" }));
                });
            },
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(app, "/boom", ("x-user", "mallory"), (Tracentic.TracenticHeaders.Scope, "feedfacefeedfacefeedfacefeedface")));
        await Send(app, "/next");

        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal("none", span["ambient_scope"]);
        Assert.False(span.Attributes.ContainsKey("user_id"));
        Assert.Null(span.ScopeParentId);
    }

    private static async Task Send(TestApp app, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
