using System.Diagnostics;
using Tracentic.Instrumentation;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>
/// Calls through the surface generated wrappers use (<see cref="TracenticInstrumentation"/>, <see cref="LlmCall"/>):
/// the CLIENT activity runs while the call runs, so what the call does (an HTTP request) nests under it.
/// </summary>
public sealed class WrappedCallActivityTests
{
    private const string HttpSource = "Tests.FakeHttp"; // stands in for HttpClient's own activities
    private static readonly ActivitySource Http = new(HttpSource);
    private static readonly LlmCallSite Site = new("openai", "chat", null, "Bot.AskAsync", "Bot.cs", 12, "Support.Bot.AskAsync");

    private sealed record Reply(long Input, long Output, string Model);

    [Fact]
    public async Task An_async_call_is_a_client_activity_under_its_scope_and_the_requests_it_makes_nest_under_it()
    {
        using var otel = new OpenTelemetryCapture(HttpSource);
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var reply = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<Reply> traced;
        Activity? scopeActivity;
        using (TracenticInstrumentation.EnterScope("answer"))
        {
            scopeActivity = Activity.Current;
            Assert.NotNull(scopeActivity);
            var call = LlmCall.Start(Site, model: "gpt-4o");
            var task = SendAsync(reply.Task); // the user's method: starts its HTTP request, then awaits
            traced = TracenticInstrumentation.Track(task, call, static r => new LlmUsage(r.Input, r.Output, r.Model) { FinishReason = "stop", ResponseId = "chatcmpl-1" });
            Assert.Same(scopeActivity, Activity.Current); // the caller continues under its own activity
        }

        Assert.Null(Activity.Current);
        reply.SetResult(new Reply(100, 20, "gpt-4o-2024-08-06"));

        // A plain await resumes on xunit's context, possibly before the recording continuation has run; a continuation
        // registered after it runs after it, on the completing thread.
        await traced.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var scope = otel.Single("answer");
        var llm = otel.Single("chat gpt-4o");
        var http = otel.Single("POST /v1/chat/completions");
        Assert.Equal(scope.SpanId, llm.ParentSpanId);
        Assert.Equal(llm.SpanId, http.ParentSpanId);
        Assert.Equal(ActivityKind.Client, llm.Kind);
        Assert.Equal("gpt-4o-2024-08-06", llm.GetTagItem("gen_ai.response.model"));
        Assert.Equal(new[] { "stop" }, (string[])llm.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal("chatcmpl-1", llm.GetTagItem("gen_ai.response.id"));
        Assert.Equal(100L, llm.GetTagItem("gen_ai.usage.input_tokens"));
        // The call site by the conventions' current names; the deprecated ones are the ingest's only.
        Assert.Equal("Support.Bot.AskAsync", llm.GetTagItem("code.function.name"));
        Assert.Equal("Bot.cs", llm.GetTagItem("code.file.path"));
        Assert.Equal(12, llm.GetTagItem("code.line.number"));
        Assert.Null(llm.GetTagItem("code.function"));
        Assert.Null(llm.GetTagItem("code.filepath"));
        Assert.Null(llm.GetTagItem("code.lineno"));
    }

    [Fact]
    public void A_sampler_sees_the_operation_provider_and_call_site_when_the_activity_is_created()
    {
        // The GenAI conventions ask for the operation and provider at creation, so a sampler can decide on them.
        var seen = new List<Dictionary<string, object?>>();
        using var sampler = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Tracentic",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            {
                if (options.Name == "chat sampled-model")
                {
                    lock (seen)
                    {
                        seen.Add(options.Tags!.ToDictionary(tag => tag.Key, tag => tag.Value));
                    }
                }

                return ActivitySamplingResult.None; // dropped: the call still records, with no activity
            },
        };
        ActivitySource.AddActivityListener(sampler);
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);

        var call = LlmCall.Start(Site, model: "sampled-model");
        call.Succeed(new LlmUsage(1, 1));

        var tags = Assert.Single(seen);
        Assert.Equal("chat", tags["gen_ai.operation.name"]);
        Assert.Equal("openai", tags["gen_ai.provider.name"]);
        Assert.Equal("Support.Bot.AskAsync", tags["code.function.name"]);
        Assert.Equal("Bot.cs", tags["code.file.path"]);
        Assert.Equal(12, tags["code.line.number"]);
    }

    [Fact]
    public void A_wrapped_calls_activity_lasts_the_duration_its_metric_records()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);

        var call = LlmCall.Start(Site, model: "timed-model");
        call.Succeed(new LlmUsage(1, 1));

        var activity = otel.Single("chat timed-model");
        var duration = otel.CollectMetrics()["gen_ai.client.operation.duration"];
        var point = Assert.Single(duration.MetricPoints, p => HasTag(p, "gen_ai.request.model", "timed-model"));
        Assert.Equal(activity.Duration.TotalSeconds, point.GetHistogramSum(), 7); // to the tick (100 ns)
    }

    private static bool HasTag(global::OpenTelemetry.Metrics.MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void A_synchronous_call_that_throws_is_an_error_activity_and_the_exception_is_the_users()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var thrown = new InvalidOperationException("model overloaded");

        var call = LlmCall.Start(Site, model: "gpt-4o");
        var caught = Assert.Throws<InvalidOperationException>((Action)(() =>
        {
            try
            {
                throw thrown;
            }
            catch (Exception ex)
            {
                call.Fail(ex);
                throw;
            }
        }));

        Assert.Same(thrown, caught);
        Assert.Null(Activity.Current);
        var llm = otel.Single("chat gpt-4o");
        Assert.Equal(ActivityStatusCode.Error, llm.Status);
        Assert.Equal("model overloaded", llm.StatusDescription);
        Assert.Equal("System.InvalidOperationException", llm.GetTagItem("error.type"));
    }

    [Fact]
    public void A_model_known_only_from_the_response_names_the_span_when_the_call_completes()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);

        var call = LlmCall.Start(Site);
        call.Succeed(new LlmUsage(5, 1, "gpt-4o-mini"));

        var llm = otel.Single("chat gpt-4o-mini");
        Assert.Equal("gpt-4o-mini", llm.GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task A_streamed_scope_ends_when_its_enumeration_is_disposed()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);

        // The shape generated for a [TracenticScope] [TracenticLlmCall] method returning IAsyncEnumerable<T>.
        var scope = TracenticInstrumentation.BeginScope("stream-answer");
        IAsyncEnumerable<int> stream;
        using (TracenticInstrumentation.Activate(scope))
        {
            var call = LlmCall.Start(Site, model: "gpt-4o");
            stream = TracenticInstrumentation.Observe(Numbers(), scope, call, static _ => new LlmUsage(3, 2));
        }

        Assert.Empty(otel.Activities);
        var sum = 0;
        await foreach (var n in stream)
        {
            sum += n;
        }

        Assert.Equal(6, sum);
        var scopeActivity = otel.Single("stream-answer");
        Assert.Equal(scopeActivity.SpanId, otel.Single("chat gpt-4o").ParentSpanId);
        Assert.NotNull(scope!.EndedAt);
    }

    private static async Task<Reply> SendAsync(Task<Reply> response)
    {
        using (Http.StartActivity("POST /v1/chat/completions", ActivityKind.Client))
        {
            return await response;
        }
    }

    private static async IAsyncEnumerable<int> Numbers()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }
}
