using System.Text;

namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// What one enumeration of a streamed response has shown so far, and the single recording of it. Steps come one at a
/// time; only the recording can race (a step failing while the caller disposes), so it is claimed atomically.
/// Never throws.
/// </summary>
internal sealed class StreamObservation(LlmCall call)
{
    private static readonly KeyValuePair<string, object?>[] Incomplete = [new("llm.stream.completed", false)];

    private LlmUsage _usage;
    private long? _firstUpdate;
    private long? _firstContent;
    private long _lastUpdate;
    private string? _responseModel; // the first model an update names, for the chunk metrics' tags
    private StringBuilder? _text;
    private int _recorded; // 0 until the span is recorded

    /// <summary>Adds one update: the latest value of each field wins, text is appended.</summary>
    public void Update(LlmUsage update)
    {
        var now = call.Timestamp();
        if (Telemetry.GenAiMetrics.ChunksEnabled && call.Site is { } site)
        {
            _responseModel ??= update.Model;
            // Per chunk, as Microsoft.Extensions.AI records them: the first from the call, each later one from the one before.
            var since = _firstUpdate is null ? call.StartTimestamp : _lastUpdate;
            Telemetry.GenAiMetrics.RecordChunk(
                site.OperationType, site.Provider, call.Model, _responseModel, first: _firstUpdate is null, call.Elapsed(since, now).TotalSeconds);
        }

        _lastUpdate = now;
        _firstUpdate ??= now;
        if (!string.IsNullOrEmpty(update.OutputText))
        {
            _firstContent ??= now;
            if (call.CapturesContent)
            {
                (_text ??= new StringBuilder()).Append(update.OutputText);
            }
        }

        _usage = update.Over(_usage);
    }

    /// <summary>Records the error span. Returns false, so it can run as an exception filter.</summary>
    public bool Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            call.Record(Assembled(), exception, null, _firstContent ?? _firstUpdate, streamed: true, _firstUpdate);
        }

        return false;
    }

    /// <summary>Records the span: <paramref name="completed"/> when the stream ran to its end, false when disposed before.</summary>
    public void End(bool completed)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            call.Record(Assembled(), null, completed ? null : Incomplete, _firstContent ?? _firstUpdate, streamed: true, _firstUpdate);
        }
    }

    private LlmUsage Assembled() => _text is null ? _usage : _usage with { OutputText = _text.ToString() };
}
