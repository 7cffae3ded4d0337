using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Instrumentation;

namespace Tracentic.AspNetCore.Tests;

public sealed class IncomingScopeTests : ProcessWideTest
{
    private const string CallerScopeId = "0af7651916cd43dd8448eb211c80319c";

    [Theory]
    [InlineData(CallerScopeId, CallerScopeId)]
    [InlineData("  " + CallerScopeId + " ", CallerScopeId)]
    [InlineData("6f1c2f4e-8a1b-4c3d-9e5f-a1b2c3d4e5f6", "6f1c2f4e-8a1b-4c3d-9e5f-a1b2c3d4e5f6")] // other SDKs' id formats pass through
    [InlineData("", null)]
    [InlineData("two words", null)]
    [InlineData("caf\u00e9", null)]
    public void GetTracenticScopeId_reads_the_header_and_ignores_implausible_values(string header, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[TracenticHeaders.Scope] = header;

        Assert.Equal(expected, context.GetTracenticScopeId());
    }

    [Fact]
    public void GetTracenticScopeId_is_null_without_the_header_or_with_an_oversized_one()
    {
        var context = new DefaultHttpContext();
        Assert.Null(context.GetTracenticScopeId());

        context.Request.Headers[TracenticHeaders.Scope] = new string('a', 129);
        Assert.Null(context.GetTracenticScopeId());
    }

    [Fact]
    public async Task With_LinkIncomingScope_root_scopes_of_the_request_become_children_of_the_callers_scope()
    {
        var parents = new Dictionary<string, string?>();
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.LinkIncomingScope = true,
            Pipeline = web => web.MapGet("/", (ITracentic t) =>
            {
                var manual = t.Begin("manual");
                parents["manual"] = manual.ParentId;
                parents["explicit"] = t.Begin("explicit", parentScopeId: "11111111111111111111111111111111").ParentId;
                using (TracenticInstrumentation.EnterScope("generated")) // what a [TracenticScope] wrapper does
                {
                    parents["generated"] = TracenticScope.Current!.ParentId;
                    var nested = t.Begin("nested");
                    parents["nested"] = nested.ParentId;
                    parents["generated-id"] = TracenticScope.Current.Id;
                    t.RecordSpan(Spans.Call());
                }
            }),
        });

        await Send(app, CallerScopeId);

        Assert.Equal(CallerScopeId, parents["manual"]);
        Assert.Equal("11111111111111111111111111111111", parents["explicit"]);
        Assert.Equal(CallerScopeId, parents["generated"]);
        Assert.Equal(parents["generated-id"], parents["nested"]);
        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal("generated", span.ScopeName);
        Assert.Equal(CallerScopeId, span.ScopeParentId);
    }

    [Fact]
    public async Task Without_LinkIncomingScope_the_header_is_readable_but_not_linked()
    {
        string? parent = "unset", read = null;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Web = o => o.RequestAttributes = _ => new() { ["a"] = 1 },
            Pipeline = web => web.MapGet("/", (HttpContext context, ITracentic t) =>
            {
                read = context.GetTracenticScopeId();
                parent = t.Begin("root").ParentId;
            }),
        });

        await Send(app, CallerScopeId);

        Assert.Equal(CallerScopeId, read);
        Assert.Null(parent);
    }

    private static async Task Send(TestApp app, string scopeId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(TracenticHeaders.Scope, scopeId);
        using var response = await app.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
