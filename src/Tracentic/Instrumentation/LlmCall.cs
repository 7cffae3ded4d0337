using System.ComponentModel;
using System.Diagnostics;
using Tracentic.Engine;
using Tracentic.Telemetry;
using Tracentic.Core;

namespace Tracentic.Instrumentation;

/// <summary>One LLM call in progress, started by a generated wrapper. Inert when nothing is configured.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LlmCall
{
    private readonly TracenticEngine? _engine;
    private readonly LlmCallSite _site;
    private readonly TracenticScope? _scope;
    private readonly DateTimeOffset _startedAt;
    private readonly long _startTimestamp;
    private readonly string? _model;
    private readonly KeyValuePair<string, object?>[] _attributes;
    private readonly Providers.LlmMessage[]? _input;
    private readonly LlmRequestParameters? _parameters;
    private readonly Providers.LlmInstructions? _instructions;
    private readonly TracenticRequestContext? _request;
    private readonly IReadOnlyDictionary<string, object?> _globalContext;
    private readonly Activity? _activity; // the CLIENT activity while the call runs (only when something listens)
    private readonly Activity? _previousActivity;

    private LlmCall(TracenticEngine engine, LlmCallSite site, string? model, KeyValuePair<string, object?>[] attributes, Providers.LlmMessage[]? input, LlmRequestParameters? parameters, Providers.LlmInstructions? instructions)
    {
        _engine = engine;
        _input = input;
        _parameters = parameters;
        _instructions = instructions;
        _site = site;
        _scope = TracenticScope.Current;

        // The context the call was made in, not the one its completion happens to run in (a continuation can run
        // later, on another thread).
        _request = TracenticRequestContext.Current;
        _globalContext = TracenticGlobalContext.Current.Snapshot;
        _model = model ?? site.Model;
        _attributes = attributes;
        _previousActivity = Activity.Current;
        _activity = LlmCallTelemetry.Start(site.ActivityTags, site.OperationType, _model, _scope);

        // On the system clock the activity's start is the call's: read once, and the same instant in every view.
        _startedAt = _activity is { } activity && ReferenceEquals(engine.Clock, TimeProvider.System)
            ? new DateTimeOffset(activity.StartTimeUtc)
            : engine.Clock.GetUtcNow();
        _startTimestamp = engine.Clock.GetTimestamp();
    }

    internal bool IsActive => _engine is not null;

    /// <summary>Now, on the engine's clock (for times to first token).</summary>
    internal long Timestamp() => _engine?.Clock.GetTimestamp() ?? 0;

    /// <summary>Whether message content is recorded (content capture is on).</summary>
    internal bool CapturesContent => _engine?.CapturesContent ?? false;

    /// <summary>The call's site (provider, operation) and the model asked for, which its chunk metrics are tagged with.</summary>
    internal LlmCallSite? Site => _engine is null ? null : _site;

    internal string? Model => _model;

    /// <summary>When the call started, on the engine's clock.</summary>
    internal long StartTimestamp => _startTimestamp;

    /// <summary>Elapsed time between two of the engine's timestamps.</summary>
    internal TimeSpan Elapsed(long from, long to) => _engine?.Clock.GetElapsedTime(from, to) ?? default;

    /// <summary>Whether a call started now would be recorded: an instance is configured with an output or a listener.</summary>
    internal static bool WouldRecord => TracenticSdk.Instance is { } engine && (engine.HasOutputs || LlmCallTelemetry.Listening);

    /// <summary>
    /// Starts timing a call in the ambient scope. <paramref name="model"/> is a <c>[TracenticModel]</c> argument;
    /// <paramref name="attributes"/> are <c>[TracenticAttribute]</c> arguments (copied); <paramref name="inputMessages"/> the
    /// request's messages and <paramref name="instructions"/> its system instructions and tools, both read only while
    /// content capture is on; <paramref name="parameters"/> the request parameters (<see cref="LlmRequestParameters.Read{T}"/>).
    /// </summary>
    public static LlmCall Start(
        LlmCallSite site, string? model = null, ReadOnlySpan<KeyValuePair<string, object?>> attributes = default, Providers.LlmMessage[]? inputMessages = null,
        LlmRequestParameters? parameters = null, Providers.LlmInstructions? instructions = null)
    {
        // Nothing to record to (no output, nothing listening in-process): record nothing, allocate nothing.
        var engine = TracenticSdk.Instance;
        if (engine is null || (!engine.HasOutputs && !LlmCallTelemetry.Listening))
        {
            return default;
        }

        return new LlmCall(engine, site, model, attributes.IsEmpty ? site.CodeAttributes : [.. site.CodeAttributes, .. attributes], inputMessages, parameters, instructions);
    }

    /// <summary>
    /// Called once the wrapped method has returned its task or stream: the call's activity stays the parent of what
    /// the method started, but the caller continues under its own activity again.
    /// </summary>
    internal void LeaveActivity()
    {
        if (_activity is not null && Activity.Current == _activity)
        {
            Activity.Current = _previousActivity;
        }
    }

    /// <summary>Records the completed call with what was read from the response.</summary>
    public void Succeed(LlmUsage usage) => Record(usage, null, null);

    /// <summary>Records the completed call with the usage read from <paramref name="result"/>.</summary>
    public void Succeed<T>(T result, Func<T, LlmUsage> usage) => Record(TracenticInstrumentation.ReadUsage(result, usage), null, null);

    /// <summary>
    /// Records the failed call and returns <see langword="false"/>, for use as an exception filter: the exception is
    /// never caught, so it reaches the caller unchanged and the caller's own filters run before any <c>finally</c>.
    /// </summary>
    public bool Fail(Exception exception)
    {
        Record(default, exception, null);
        return false;
    }

    /// <summary>
    /// Records the call once. A stream observer passes <c>streamed</c> (<c>gen_ai.request.stream</c>) and when the first
    /// chunk came, whatever it held (<c>firstChunkTimestamp</c>, for <c>gen_ai.response.time_to_first_chunk</c>).
    /// </summary>
    internal void Record(
        LlmUsage usage, Exception? exception, KeyValuePair<string, object?>[]? extraAttributes, long? timeToFirstTokenTimestamp = null,
        bool streamed = false, long? firstChunkTimestamp = null)
    {
        if (_engine is not { } engine)
        {
            return;
        }

        try
        {
            var elapsed = engine.Clock.GetElapsedTime(_startTimestamp);
            var attributes = _attributes;
            if (timeToFirstTokenTimestamp is { } first)
            {
                var ttft = engine.Clock.GetElapsedTime(_startTimestamp, first).TotalMilliseconds;
                attributes = [.. attributes, new("llm.time_to_first_token_ms", ttft), .. extraAttributes ?? []];
            }
            else if (extraAttributes is not null)
            {
                attributes = [.. attributes, .. extraAttributes];
            }

            double? timeToFirstChunk = firstChunkTimestamp is { } chunk ? engine.Clock.GetElapsedTime(_startTimestamp, chunk).TotalSeconds : null;
            string? systemInstructions = null, toolDefinitions = null;
            if (engine.CapturesContent && _instructions is { } instructions)
            {
                // Only here: the writers' closures would be allocated on every call otherwise.
                systemInstructions = Providers.MessageContent.SystemInstructions(instructions.SystemInstructions, engine.Settings, engine.Log);
                toolDefinitions = Providers.MessageContent.ToolDefinitions(instructions.Tools, engine.Settings);
            }

            var call = new RecordedCall
            {
                Scope = _scope,
                StartUnixNanos = UnixNanos.Of(_startedAt),
                EndUnixNanos = UnixNanos.Of(_startedAt + elapsed),
                Provider = _site.Provider,
                OperationType = _site.OperationType,
                Model = _model ?? usage.Model, // the model asked for; the answering model when the call site cannot tell
                ResponseModel = usage.Model,
                FinishReason = usage.FinishReason,
                ResponseId = usage.ResponseId,
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                TokenDetails = RecordedTokenDetails.Of(
                    usage.CacheReadInputTokens, usage.CacheWriteInputTokens, usage.ReasoningOutputTokens, usage.CacheTokensSeparate,
                    usage.InputAudioTokens, usage.OutputAudioTokens),
                Details = CallDetails.Of(_site, _parameters, streamed, timeToFirstChunk, systemInstructions, toolDefinitions),
                Attributes = attributes,
                Error = exception is null ? null : RecordedError.Of(exception),
                Request = _request,
                GlobalContext = _globalContext,
                InputMessages = engine.CapturesContent ? Providers.MessageContent.Input(_input, engine.Settings, engine.Log) : null,
                OutputMessages = engine.CapturesContent && exception is null ? Providers.MessageContent.Output(usage.OutputText, usage.FinishReason, engine.Settings, engine.Log) : null,
            };

            // Without an output the call only feeds the in-process telemetry, and nothing is allocated for it.
            engine.Record(call, _activity, recordedByHand: false, exception);
        }
        catch (Exception ex)
        {
            engine.Log.WarnOnce("wrapper-record", log => log.RecordFailed(ex.GetType().Name));
        }
    }
}
