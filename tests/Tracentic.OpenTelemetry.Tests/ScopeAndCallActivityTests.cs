using System.Diagnostics;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>Scopes and LLM spans recorded with the runtime API, as the OpenTelemetry SDK exports them.</summary>
public sealed class ScopeAndCallActivityTests
{
    [Fact]
    public void Scopes_are_internal_spans_and_llm_calls_client_spans_under_them_in_one_trace()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        var root = engine.Begin("rag-pipeline", new() { ["user_id"] = "user-ada" }, correlationId: "q-1");
        var child = root.CreateChild("retrieve");
        engine.RecordSpan(child, Engines.Chat());
        child.End();
        root.End();

        var rootActivity = otel.Single("rag-pipeline");
        var childActivity = otel.Single("retrieve");
        var llm = otel.Single("chat gpt-4o");
        Assert.Equal(ActivityKind.Internal, rootActivity.Kind);
        Assert.Equal(ActivityKind.Internal, childActivity.Kind);
        Assert.Equal(ActivityKind.Client, llm.Kind);
        Assert.Equal(default, rootActivity.ParentSpanId);
        Assert.Equal(rootActivity.SpanId, childActivity.ParentSpanId);
        Assert.Equal(childActivity.SpanId, llm.ParentSpanId);
        Assert.All(otel.Activities, a => Assert.Equal(rootActivity.TraceId, a.TraceId));
        Assert.Equal(rootActivity.TraceId.ToHexString(), root.TraceId);
        Assert.Equal(root.TraceId, child.TraceId);

        Assert.Equal(root.Id, rootActivity.GetTagItem("tracentic.scope.id"));
        Assert.Equal("q-1", rootActivity.GetTagItem("tracentic.scope.correlation_id"));
        Assert.Equal("user-ada", rootActivity.GetTagItem("user_id"));
        Assert.Equal(root.Id, childActivity.GetTagItem("tracentic.scope.parent_id"));
        Assert.Equal("Tracentic", llm.Source.Name);
    }

    [Fact]
    public void An_llm_span_carries_the_GenAI_attributes_cost_scope_and_its_own_times()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        var parent = engine.Begin("pipeline", correlationId: "q-7");
        var scope = engine.Begin("answer", parentScopeId: parent.Id, correlationId: "q-7");

        engine.RecordSpan(scope, new TracenticSpan
        {
            StartedAt = Engines.T0,
            EndedAt = Engines.T0.AddMilliseconds(120),
            Provider = "openai",
            Model = "gpt-4o",
            OperationType = "chat",
            InputTokens = 100,
            OutputTokens = 20,
            CacheReadInputTokens = 60,
            ReasoningOutputTokens = 5,
            Attributes = new() { ["prompt"] = "rewrite" },
        });
        scope.End();

        var llm = otel.Single("chat gpt-4o");
        Assert.Equal("chat", llm.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", llm.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("gpt-4o", llm.GetTagItem("gen_ai.request.model"));
        Assert.Equal(100L, llm.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(20L, llm.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(60L, llm.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(5L, llm.GetTagItem("gen_ai.usage.reasoning.output_tokens"));
        Assert.Null(llm.GetTagItem("gen_ai.usage.cache_creation.input_tokens"));
        // No cache or reasoning price for gpt-4o: those tokens cost the input and output prices.
        Assert.Equal(100 / 1e6 * 2.5 + 20 / 1e6 * 10.0, (double)llm.GetTagItem("llm.cost.total_usd")!, 12);
        Assert.Equal(scope.Id, llm.GetTagItem("tracentic.scope.id"));
        Assert.Equal("answer", llm.GetTagItem("tracentic.scope.name"));
        // The whole scope link, as the exported span and the official Tracentic .NET SDK's activities carry it.
        Assert.Equal(parent.Id, llm.GetTagItem("tracentic.scope.parent_id"));
        Assert.Equal("q-7", llm.GetTagItem("tracentic.scope.correlation_id"));
        Assert.Equal(Tracentic.Export.PythonIsoTimestamp.Format(scope.StartedAt), llm.GetTagItem("tracentic.scope.started_at"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$", (string)llm.GetTagItem("tracentic.scope.started_at")!);
        Assert.Equal("rewrite", llm.GetTagItem("prompt"));
        Assert.Null(llm.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, llm.Status);
        Assert.Equal(Engines.T0.UtcDateTime, llm.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(120), llm.Duration);
    }

    [Fact]
    public void Embedding_calls_use_the_conventions_operation_name_and_a_missing_model_leaves_the_operation_alone()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        engine.RecordSpan(null, new TracenticSpan { StartedAt = Engines.T0, EndedAt = Engines.T0, Provider = "openai", OperationType = "embedding" });

        var llm = otel.Single("embeddings");
        Assert.Equal("embeddings", llm.GetTagItem("gen_ai.operation.name"));
        Assert.Null(llm.GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public void A_failed_call_has_error_status_error_type_and_no_cost()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        engine.RecordError(null, Engines.Chat(), new HttpRequestException("429 Too Many Requests"));

        var llm = otel.Single("chat gpt-4o");
        Assert.Equal(ActivityStatusCode.Error, llm.Status);
        Assert.Equal("429 Too Many Requests", llm.StatusDescription);
        Assert.Equal("System.Net.Http.HttpRequestException", llm.GetTagItem("error.type"));
        Assert.Null(llm.GetTagItem("llm.cost.total_usd"));
    }

    [Fact]
    public void A_never_ended_scope_exports_no_span_but_its_llm_spans_keep_their_parent_link()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        var scope = engine.Begin("forgotten");
        engine.RecordSpan(scope, Engines.Chat());

        var llm = Assert.Single(otel.Activities);
        Assert.Equal("chat gpt-4o", llm.DisplayName);
        Assert.Equal(scope.Activity!.SpanId, llm.ParentSpanId);
        Assert.Equal(scope.TraceId, llm.TraceId.ToHexString());
        Assert.Null(scope.EndedAt);
    }

    [Fact]
    public void End_is_idempotent_and_dispose_ends_the_scope()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        using (var scope = engine.Begin("step"))
        {
            scope.End();
            Assert.NotNull(scope.EndedAt);
        }

        Assert.Single(otel.Activities, a => a.DisplayName == "step");
    }

    [Fact]
    public void Beginning_a_scope_does_not_change_the_current_activity_and_activating_it_does_until_disposed()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        Assert.Null(Activity.Current);

        var scope = engine.Begin("step");
        Assert.Null(Activity.Current);
        using (scope.Activate())
        {
            Assert.Same(scope.Activity, Activity.Current);
            var child = engine.Begin("inner");
            Assert.Equal(scope.Activity!.SpanId, child.Activity!.ParentSpanId);
            child.End();
            Assert.Same(scope.Activity, Activity.Current);
        }

        Assert.Null(Activity.Current);
        scope.End();
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void A_scope_and_its_activity_start_and_end_at_the_same_instants()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        var scope = engine.Begin("timed");
        scope.End();

        var activity = otel.Single("timed");
        Assert.Equal(scope.StartedAt.UtcDateTime, activity.StartTimeUtc);
        Assert.Equal(scope.EndedAt!.Value.UtcDateTime, activity.StartTimeUtc + activity.Duration);
        var startedAtTag = DateTimeOffset.Parse((string)activity.GetTagItem("tracentic.scope.started_at")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(scope.StartedAt.UtcTicks / 10, startedAtTag.UtcTicks / 10); // written to the microsecond
    }

    [Fact]
    public void A_generated_scope_is_current_with_its_activity_until_disposed_then_the_outer_ones_are_again()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);
        var outer = engine.Begin("outer");

        using (outer.Activate())
        {
            using (Instrumentation.TracenticInstrumentation.EnterScope("generated"))
            {
                var inner = TracenticScope.Current!;
                Assert.Equal("generated", inner.Name);
                Assert.Same(inner.Activity, Activity.Current);
                Assert.Equal(outer.Activity!.SpanId, Activity.Current!.ParentSpanId);
            }

            Assert.Same(outer, TracenticScope.Current);
            Assert.Same(outer.Activity, Activity.Current);
        }

        Assert.Null(TracenticScope.Current);
        Assert.Null(Activity.Current);
        outer.End();
        Assert.True(otel.Single("generated").IsStopped);
    }

    [Fact]
    public void A_generated_scope_whose_activity_the_sampler_drops_leaves_the_current_activity_alone()
    {
        using var outerSource = new ActivitySource("Tests.Outer");
        using var sampler = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Tracentic" or "Tests.Outer",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source.Name == "Tracentic" ? ActivitySamplingResult.None : ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(sampler);
        var engine = Engines.InProcessOnly();
        using var installed = Engines.Install(engine);

        using var outer = outerSource.StartActivity("request");
        using (Instrumentation.TracenticInstrumentation.EnterScope("dropped"))
        {
            Assert.Equal("dropped", TracenticScope.Current!.Name);
            Assert.Null(TracenticScope.Current.Activity);
            Assert.Same(outer, Activity.Current);
        }

        Assert.Null(TracenticScope.Current);
        Assert.Same(outer, Activity.Current);
    }
}
