using Microsoft.Extensions.Logging;

namespace Tracentic.Core;

/// <summary>Every message the SDK logs, with a stable event id (1xx lifecycle, 2xx export, 3xx data).</summary>
internal static partial class LogMessages
{
    // Event 100 was a free-text warning; retired so that every warning has an id of its own. Ids are never reused.

    [LoggerMessage(101, LogLevel.Debug, "debug logging enabled")]
    public static partial void DebugEnabled(this ILogger logger);

    [LoggerMessage(102, LogLevel.Information, "no ApiKey configured: spans are recorded locally but not exported. Set TracenticOptions.ApiKey to export them.")]
    public static partial void NoApiKey(this ILogger logger);

    [LoggerMessage(103, LogLevel.Debug, "shutting down exporter...")]
    public static partial void ShuttingDown(this ILogger logger);

    [LoggerMessage(104, LogLevel.Debug, "exporter shutdown complete")]
    public static partial void ShutdownComplete(this ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "a span was recorded after ShutdownAsync and was dropped; record spans before shutting down.")]
    public static partial void SpanAfterShutdown(this ILogger logger);

    [LoggerMessage(106, LogLevel.Debug, "flushing queued spans at {Exit}")]
    public static partial void ExitFlush(this ILogger logger, string exit);

    [LoggerMessage(107, LogLevel.Warning, "{Operation} gave up after {Seconds:0.#} s; {Pending} span(s) were not delivered yet.")]
    public static partial void GaveUpWaiting(this ILogger logger, string operation, double seconds, long pending);

    [LoggerMessage(108, LogLevel.Warning, "a span could not be recorded: {ExceptionType}; this is a bug in Tracentic, please report it.")]
    public static partial void RecordFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(109, LogLevel.Warning, "a scope ended after ShutdownAsync and its span was not exported; end scopes before shutting down.")]
    public static partial void ScopeAfterShutdown(this ILogger logger);

    [LoggerMessage(110, LogLevel.Warning, "scope '{Name}' was not begun, the call ran without it: {Problem}")]
    public static partial void ScopeNotBegun(this ILogger logger, string name, string problem);

    [LoggerMessage(200, LogLevel.Debug, "enqueued span '{Name}' (queue: {Count})")]
    public static partial void SpanEnqueued(this ILogger logger, string name, int count);

    [LoggerMessage(201, LogLevel.Debug, "flushing {Count} span(s) to {Uri}")]
    public static partial void Sending(this ILogger logger, int count, Uri uri);

    [LoggerMessage(202, LogLevel.Debug, "export succeeded: {Status} ({Count} spans)")]
    public static partial void ExportSucceeded(this ILogger logger, int status, int count);

    [LoggerMessage(203, LogLevel.Warning, "export failed: {Problem}; the {Count} span(s) stay queued and are retried in {DelayMs:0} ms.")]
    public static partial void ExportFailed(this ILogger logger, string problem, int count, double delayMs);

    [LoggerMessage(204, LogLevel.Debug, "export attempt {Attempt} failed: {Problem}; retrying in {DelayMs:0} ms")]
    public static partial void ExportFailedAgain(this ILogger logger, int attempt, string problem, double delayMs);

    [LoggerMessage(205, LogLevel.Information, "export recovered after {Attempts} failed attempt(s).")]
    public static partial void ExportRecovered(this ILogger logger, int attempts);

    [LoggerMessage(206, LogLevel.Debug, "the endpoint refused a batch of {Count} span(s): {Problem}; sending it in halves to find the bad span(s)")]
    public static partial void BatchRejected(this ILogger logger, int count, string problem);

    [LoggerMessage(207, LogLevel.Warning, "the endpoint refused span '{Name}': {Problem}; that span was dropped, the others are delivered.")]
    public static partial void SpanRejected(this ILogger logger, string name, string problem);

    [LoggerMessage(208, LogLevel.Warning, "export queue full ({Capacity}): dropped the {Count} oldest span(s) ({Total} in total). Raise TracenticOptions.QueueCapacity or check that the endpoint is reachable.")]
    public static partial void QueueOverflow(this ILogger logger, int capacity, long count, long total);

    [LoggerMessage(209, LogLevel.Warning, "export failed unexpectedly: {ExceptionType}; the spans stay queued. This is a bug in Tracentic, please report it.")]
    public static partial void ExportCrashed(this ILogger logger, string exceptionType);

    [LoggerMessage(210, LogLevel.Error, "the export loop stopped: {ExceptionType}; spans are no longer exported. This is a bug in Tracentic, please report it.")]
    public static partial void ExportLoopCrashed(this ILogger logger, string exceptionType);

    [LoggerMessage(300, LogLevel.Warning, "no pricing for model '{Model}': llm.cost.total_usd is omitted. Add it to TracenticOptions.CustomPricing, e.g. [\"{Model}\"] = new ModelPricing(inputPerMillion, outputPerMillion).")]
    public static partial void MissingPricing(this ILogger logger, string model);

    [LoggerMessage(301, LogLevel.Warning, "attribute '{Key}' is written by Tracentic itself; the user attribute of that name was dropped.")]
    public static partial void ReservedAttribute(this ILogger logger, string key);

    [LoggerMessage(302, LogLevel.Warning, "a span had more than {Max} attributes; the lowest-priority ones were dropped.")]
    public static partial void AttributeCountCapped(this ILogger logger, int max);

    [LoggerMessage(303, LogLevel.Warning, "a span was recorded without StartedAt or EndedAt; the missing time was set to the recording time.")]
    public static partial void SpanTimeMissing(this ILogger logger);

    [LoggerMessage(304, LogLevel.Warning, "a span ended before it started; its end time was set to its start time.")]
    public static partial void SpanEndedBeforeStart(this ILogger logger);

    [LoggerMessage(305, LogLevel.Warning, "a span had a negative token count; the count was dropped.")]
    public static partial void NegativeTokens(this ILogger logger);

    [LoggerMessage(306, LogLevel.Warning, "a span time was before 1970 or too far in the future for OTLP; it was clamped to the representable range.")]
    public static partial void SpanTimeOutOfRange(this ILogger logger);

    [LoggerMessage(307, LogLevel.Warning, "span '{Name}' was larger than {MaxBytes} bytes as JSON; its lowest-priority attributes were left out and tracentic.truncated was set.")]
    public static partial void SpanTrimmed(this ILogger logger, string name, int maxBytes);

    [LoggerMessage(308, LogLevel.Warning, "RedactMessageContent threw {ExceptionType}: {Problem}; the content was left out.")]
    public static partial void RedactionFailed(this ILogger logger, string exceptionType, string problem);
}
