using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Testing;
using Xunit.Abstractions;
using Tracentic.Local;

namespace Tracentic.AspNetCore.Tests;

/// <summary>
/// Real Kestrel on 127.0.0.1: many requests in flight at once, each reading its user id, awaiting at random
/// points, then recording spans. Every exported span must carry the user id of the request that recorded it.
/// </summary>
public sealed class KestrelConcurrencyTests(ITestOutputHelper output) : ProcessWideTest
{
    private const string UserHeader = "x-user-id";

    [Fact]
    [Trait("Category", "Slow")] // a load test: 2,000 concurrent requests on Kestrel (about 6 s of CPU): left out of the fast loop (README, "Running the tests")
    public async Task Two_thousand_concurrent_requests_never_see_another_requests_attributes()
    {
        const int requests = 2_000;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Kestrel = true,
            Protocols = HttpProtocols.Http2, // many streams per connection: all requests in flight without thousands of sockets
            Configure = o =>
            {
                o.GlobalAttributes = new() { ["user_id"] = "nobody", ["region"] = "eu" };
            },
            Web = o =>
            {
                o.RequestAttributes = context => new() { ["user_id"] = context.Request.Headers[UserHeader].ToString() };
            },
            Pipeline = MapWorkload,
        });

        var result = await Run(app, requests);

        output.WriteLine($"{requests} requests, {result.Spans.Count} spans, {result.Mismatches} mismatches, peak {result.PeakInFlight} in flight");
        Assert.Equal(3 * requests, result.Spans.Count);
        Assert.Equal(requests, result.Spans.Select(s => s["expected_user"]).Distinct().Count());
        Assert.Equal(0, result.Mismatches);
        Assert.All(result.Spans, s => Assert.Equal("eu", s["region"]));
        Assert.Empty(TracenticGlobalContext.Current.GetAll());
        Assert.True(result.PeakInFlight > 10, $"requests did not overlap (peak {result.PeakInFlight} in flight)");
    }

    /// <summary>
    /// The same harness catches the leak of the approach this package replaces (per-request values written into
    /// the process-wide global context), so its zero above means something.
    /// </summary>
    [Fact]
    public async Task The_harness_detects_the_leak_of_per_request_values_written_to_the_global_context()
    {
        const int requests = 200;
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Kestrel = true,
            Protocols = HttpProtocols.Http2,
            Pipeline = web =>
            {
                web.Use(async (context, next) =>
                {
                    TracenticGlobalContext.Current.Set("user_id", context.Request.Headers[UserHeader].ToString());
                    await next(context);
                });
                MapWorkload(web);
            },
        });

        var result = await Run(app, requests);

        output.WriteLine($"global-context approach: {requests} requests, {result.Mismatches} of {result.Spans.Count} spans carried another request's user_id");
        Assert.True(result.Mismatches > 0, "the harness failed to detect a known leak");
    }

    private static void MapWorkload(WebApplication web) =>
        web.MapGet("/work/{user}", async (string user, ITracentic tracentic) =>
        {
            using var inFlight = InFlight.Enter();
            await Jitter();
            var scope = tracentic.Begin("request");
            await Jitter();
            tracentic.RecordSpan(scope, Spans.Call(new() { ["expected_user"] = user }));
            await Jitter();
            using (scope.Activate())
            {
                await Jitter();
                tracentic.RecordError(Spans.Call(new() { ["expected_user"] = user }), new TimeoutException("slow model"));
            }

            await Task.Run(async () =>
            {
                await Jitter();
                tracentic.RecordSpan(null, Spans.Call(new() { ["expected_user"] = user }));
            });
            return user;
        });

    private static async Task Jitter()
    {
        switch (Random.Shared.Next(3))
        {
            case 0:
                await Task.Yield();
                break;
            case 1:
                await Task.Delay(Random.Shared.Next(1, 4));
                break;
        }
    }

    private static async Task<(IReadOnlyList<ReceivedSpan> Spans, int Mismatches, int PeakInFlight)> Run(TestApp app, int requests)
    {
        InFlight.Reset();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            var user = $"user-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/work/" + user);
            request.Version = app.Client.DefaultRequestVersion;
            request.VersionPolicy = app.Client.DefaultVersionPolicy;
            request.Headers.Add(UserHeader, user);
            using var response = await app.Client.SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            Assert.Equal(user, await response.Content.ReadAsStringAsync(timeout.Token));
        }));

        var spans = await app.FlushAsync();
        var mismatches = spans.Count(s => !Equals(s["user_id"], s["expected_user"]));
        return (spans, mismatches, InFlight.Peak);
    }

    /// <summary>Counts requests inside the handler, to show they really overlapped.</summary>
    private static class InFlight
    {
        private static int s_current;
        private static int s_peak;

        public static int Peak => Volatile.Read(ref s_peak);

        public static void Reset()
        {
            s_current = 0;
            s_peak = 0;
        }

        public static Exit Enter()
        {
            var now = Interlocked.Increment(ref s_current);
            int peak;
            while (now > (peak = Volatile.Read(ref s_peak)) && Interlocked.CompareExchange(ref s_peak, now, peak) != peak)
            {
            }

            return default;
        }

        public readonly struct Exit : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref s_current);
        }
    }
}
