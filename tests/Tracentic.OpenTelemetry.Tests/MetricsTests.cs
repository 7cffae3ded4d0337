using OpenTelemetry.Metrics;
using Tracentic.OpenTelemetry.Tests.Infrastructure;

namespace Tracentic.OpenTelemetry.Tests;

/// <summary>The GenAI client metrics and the cost counter, as the OpenTelemetry SDK aggregates them.</summary>
public sealed class MetricsTests
{
    [Fact]
    public void Token_usage_duration_and_cost_are_measured_with_the_conventions_tags_and_buckets()
    {
        using var otel = new OpenTelemetryCapture();
        var engine = Engines.InProcessOnly();

        engine.RecordSpan(null, Engines.Chat(input: 100, output: 20));
        engine.RecordSpan(null, Engines.Chat(input: 300, output: 40));
        engine.RecordError(null, Engines.Chat(), new TimeoutException("slow"));

        var metrics = otel.CollectMetrics();

        var tokens = metrics["gen_ai.client.token.usage"];
        Assert.Equal("{token}", tokens.Unit);
        var input = Point(tokens, ("gen_ai.token.type", "input"), ("error.type", null));
        Assert.Equal(2, input.GetHistogramCount());
        Assert.Equal(400, input.GetHistogramSum());
        Assert.Equal("chat", Tag(input, "gen_ai.operation.name"));
        Assert.Equal("openai", Tag(input, "gen_ai.provider.name"));
        Assert.Equal("gpt-4o", Tag(input, "gen_ai.request.model"));
        Assert.Equal(
            new double[] { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864 },
            Boundaries(input));

        var duration = metrics["gen_ai.client.operation.duration"];
        Assert.Equal("s", duration.Unit);
        var ok = Point(duration, ("error.type", null));
        Assert.Equal(2, ok.GetHistogramCount());
        Assert.Equal(0.24, ok.GetHistogramSum(), 9);
        Assert.Equal(new[] { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 }, Boundaries(ok));
        var failed = Point(duration, ("error.type", "System.TimeoutException"));
        Assert.Equal(1, failed.GetHistogramCount());

        var cost = metrics["tracentic.client.cost"];
        Assert.Equal("USD", cost.Unit);
        var spent = Assert.Single(cost.MetricPoints).GetSumDouble();
        Assert.Equal((100 + 300) / 1e6 * 2.5 + (20 + 40) / 1e6 * 10.0, spent, 12);
    }

    private static MetricPoint Point(MetricSnapshot metric, params (string Key, string? Value)[] tags) =>
        Assert.Single(metric.MetricPoints, p => tags.All(t => Equals(Tag(p, t.Key), t.Value)));

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static double[] Boundaries(MetricPoint point)
    {
        var bounds = new List<double>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                bounds.Add(bucket.ExplicitBound);
            }
        }

        return [.. bounds];
    }
}
