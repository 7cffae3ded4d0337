using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// The GenAI client metrics (<c>gen_ai.client.token.usage</c>, <c>gen_ai.client.operation.duration</c>, with the
/// conventions' bucket boundaries as advice) and <c>tracentic.client.cost</c>. Nothing is measured while no
/// listener has enabled an instrument.
/// </summary>
internal static class GenAiMetrics
{
    public const string CostMetric = "tracentic.client.cost";

    private static readonly Histogram<long> TokenUsage = TracenticTelemetry.Meter.CreateHistogram(
        GenAiConventions.TokenUsageMetric, "{token}", "Measures number of input and output tokens used.", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = GenAiConventions.TokenUsageBuckets });

    private static readonly Histogram<double> Duration = TracenticTelemetry.Meter.CreateHistogram(
        GenAiConventions.OperationDurationMetric, "s", "GenAI operation duration.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAiConventions.DurationBuckets });

    private static readonly Histogram<double> TimeToFirstChunk = TracenticTelemetry.Meter.CreateHistogram(
        GenAiConventions.TimeToFirstChunkMetric, "s", "Measures the time to receive the first chunk in a streaming operation.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAiConventions.ChunkBuckets });

    private static readonly Histogram<double> TimePerOutputChunk = TracenticTelemetry.Meter.CreateHistogram(
        GenAiConventions.TimePerOutputChunkMetric, "s", "Measures the time per output chunk in a streaming operation.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAiConventions.ChunkBuckets });

    private static readonly Counter<double> Cost = TracenticTelemetry.Meter.CreateCounter<double>(
        CostMetric, "USD", "Cost of LLM calls in US dollars, priced by TracenticOptions.CustomPricing.");

    public static bool Enabled => TokenUsage.Enabled || Duration.Enabled || Cost.Enabled || ChunksEnabled;

    /// <summary>Whether a stream's chunks are measured (read per chunk, so it stays a field read when nothing listens).</summary>
    public static bool ChunksEnabled => TimeToFirstChunk.Enabled || TimePerOutputChunk.Enabled;

    /// <summary>
    /// One chunk of a streamed call, measured as it arrives (as Microsoft.Extensions.AI measures them): the first from
    /// the call's start, each later one from the chunk before it. Tagged like the call's other metrics, with the
    /// response model once a chunk has named it.
    /// </summary>
    public static void RecordChunk(string? operationType, string? provider, string? requestModel, string? responseModel, bool first, double seconds)
    {
        var histogram = first ? TimeToFirstChunk : TimePerOutputChunk;
        if (!histogram.Enabled)
        {
            return;
        }

        var tags = new TagList { { GenAiConventions.OperationName, GenAiConventions.Operation(operationType) } };
        if (provider is not null)
        {
            tags.Add(GenAiConventions.ProviderName, provider);
        }

        if (requestModel is { } model)
        {
            tags.Add(GenAiConventions.RequestModel, model);
        }

        if (responseModel is not null)
        {
            tags.Add(GenAiConventions.ResponseModel, responseModel);
        }

        histogram.Record(seconds, tags);
    }

    public static bool CostEnabled => Cost.Enabled;

    public static void Record(in RecordedCall span, string? errorType, double? cost)
    {
        var tags = new TagList
        {
            { GenAiConventions.OperationName, GenAiConventions.Operation(span.OperationType) },
        };
        if (span.Provider is { } provider)
        {
            tags.Add(GenAiConventions.ProviderName, provider);
        }

        if (span.Model is { } model)
        {
            tags.Add(GenAiConventions.RequestModel, model);
        }

        if (span.ResponseModel is { } responseModel)
        {
            tags.Add(GenAiConventions.ResponseModel, responseModel);
        }

        if (errorType is not null)
        {
            tags.Add(GenAiConventions.ErrorType, errorType);
        }

        if (Duration.Enabled)
        {
            Duration.Record((span.EndUnixNanos - span.StartUnixNanos) / 1e9, tags);
        }

        if (TokenUsage.Enabled)
        {
            if (span.InputTokens is { } input)
            {
                var inputTags = tags;
                inputTags.Add(GenAiConventions.TokenType, "input");
                TokenUsage.Record(input, inputTags);
            }

            if (span.OutputTokens is { } output)
            {
                var outputTags = tags;
                outputTags.Add(GenAiConventions.TokenType, "output");
                TokenUsage.Record(output, outputTags);
            }
        }

        if (cost is { } usd && Cost.Enabled)
        {
            Cost.Add(usd, tags);
        }
    }
}
