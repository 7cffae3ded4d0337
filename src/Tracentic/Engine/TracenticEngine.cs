using System.Diagnostics;
using Tracentic.Export;
using Tracentic.Telemetry;
using Tracentic.Core;

namespace Tracentic.Engine;

/// <summary>
/// The runtime engine behind <see cref="ITracentic"/>: <see cref="Record(in RecordedCall, Activity?, bool, Exception?)"/>,
/// the one recording path of the public API and of generated wrappers, settles a call into an immutable
/// <see cref="RecordedSpan"/> and hands it to the <see cref="ExportPipeline"/>; export happens there.
/// </summary>
internal sealed class TracenticEngine : ITracentic, IDisposable
{
    private readonly ExportPipeline? _pipeline;
    private readonly ExitHooks? _exitHooks;
    private readonly ExitBudget _exitBudget;
    private readonly object _shutdownGate = new();
    private Task? _shutdownTask;
    private int _shutdown;

    public TracenticEngine(TracenticOptions options)
        : this(options, ExportSetup.Default)
    {
    }

    internal TracenticEngine(TracenticOptions options, ExportSetup setup)
    {
        Settings = new TracenticSettings(options);
        Log = new TracenticLog(Settings.LoggerFactory, Settings.Debug);
        Log.Logger.DebugEnabled();
        _exitBudget = new ExitBudget(Settings.ExitTimeout, Settings.Clock);

        var outputs = new List<IExportOutput>(2);
        var ingest = setup.Output?.Invoke(Settings, Log)
            ?? (Settings.ApiKey is null ? null : TracenticIngestOutput.Create(Settings, Log, setup.WireLimits));
        if (ingest is not null)
        {
            outputs.Add(ingest);
        }

        if (setup.SecondOutput is { } second)
        {
            outputs.Add(second(Settings, Log));
        }
        else if (Settings.Otlp is { } otlp)
        {
            outputs.Add(OtlpTracesOutput.Create(Settings, otlp, Log, setup.WireLimits));
        }

        if (outputs.Count == 0)
        {
            Log.Logger.NoApiKey();
            return;
        }

        _pipeline = new ExportPipeline(Settings, Log, setup.RetryPolicy, outputs);
        if (setup.HookExits)
        {
            _exitHooks = new ExitHooks(this);
        }
    }

    public TracenticSettings Settings { get; }

    public TracenticLog Log { get; }

    public TimeProvider Clock => Settings.Clock;

    /// <summary>Whether message content is recorded (<see cref="TracenticOptions"/> content capture).</summary>
    internal bool CapturesContent => Settings.CaptureMessageContent;

    /// <summary>Whether any output exports spans (without one, and without an in-process listener, nothing is recorded).</summary>
    internal bool HasOutputs => _pipeline is not null;

    /// <summary>Spans dropped because the queue was full (oldest first).</summary>
    public long DroppedSpans => _pipeline?.Dropped ?? 0;

    public TracenticScope Begin(
        string name,
        Dictionary<string, object?>? attributes = null,
        string? correlationId = null,
        string? parentScopeId = null) =>
        BeginScope(name, AttributeSnapshot.Copy(attributes), correlationId, parentScopeId);

    /// <summary>
    /// Begins a scope under the ambient one (or <paramref name="parentScopeId"/>). With <paramref name="activityCurrent"/>
    /// its activity is left current, for a caller that activates the scope at once (<see cref="TracenticScope.ActivateBegun"/>).
    /// </summary>
    public TracenticScope BeginScope(
        string name,
        IReadOnlyDictionary<string, object?> attributes,
        string? correlationId,
        string? parentScopeId,
        bool activityCurrent = false)
    {
        ScopeNames.ThrowIfInvalid(name);

        string? parentId;
        TracenticScope? parent = null; // an ambient parent shares its trace; a remote one does not (Activity.Current's is joined)
        if (!string.IsNullOrWhiteSpace(parentScopeId))
        {
            parentId = parentScopeId;
        }
        else if (TracenticScope.Current is { } ambient)
        {
            parentId = ambient.Id;
            parent = ambient;
            correlationId ??= ambient.CorrelationId;
        }
        else
        {
            parentId = TracenticRequestContext.Current?.ParentScopeId;
        }

        return new TracenticScope(name, parentId, correlationId, attributes, Settings.Clock, parent, this, activityCurrent);
    }

    public void RecordSpan(TracenticScope? scope, TracenticSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        Record(scope, span, null);
    }

    public void RecordSpan(TracenticSpan span) => RecordSpan(TracenticScope.Current, span);

    public void RecordError(TracenticScope? scope, TracenticSpan span, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(exception);
        Record(scope, span, exception);
    }

    public void RecordError(TracenticSpan span, Exception exception) => RecordError(TracenticScope.Current, span, exception);

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pipeline is not null)
        {
            await _pipeline.FlushAsync(Settings.FlushTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task ShutdownAsync(CancellationToken cancellationToken = default) => StartShutdown(Settings.FlushTimeout, cancellationToken);

    /// <summary>
    /// The host's stop (the hosted service, after every other hosted service stopped): shuts down within what is left
    /// of the exit budget (a signal's flush before it counts) and ends early when the host's token is cancelled. Never throws.
    /// </summary>
    internal async Task StopForHostAsync(CancellationToken cancellationToken)
    {
        Log.Logger.ExitFlush("host stop");
        await _exitBudget.WaitAsync(StartShutdown(_exitBudget.Remaining, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the shutdown once; a later call returns the first one's task, whatever its own bound.</summary>
    private Task StartShutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_shutdownGate)
        {
            if (_shutdownTask is null)
            {
                Volatile.Write(ref _shutdown, 1);
                TracenticSdk.Uninstall(this);
                _shutdownTask = ShutdownCoreAsync(timeout, cancellationToken);
            }

            return _shutdownTask;
        }
    }

    /// <summary>Never throws: a host's cancelled token or a hung endpoint ends the wait, not the caller.</summary>
    private async Task ShutdownCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Log.Logger.ShuttingDown();
        try
        {
            if (_pipeline is not null)
            {
                await _pipeline.StopAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Log.Logger.ExportCrashed(ex.GetType().Name);
        }
        finally
        {
            // Only now: until the queue is delivered, process exit must still wait for it.
            _exitHooks?.Dispose();
        }

        Log.Logger.ShutdownComplete();
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    /// <summary>
    /// For containers that dispose synchronously: starts the shutdown without blocking. What is queued is
    /// still delivered in the background, and the process-exit hook waits for it.
    /// </summary>
    public void Dispose() => _ = ShutdownAsync();

    /// <summary>Shuts down from a synchronous exit handler, within what is left of the exit budget.</summary>
    internal void ShutdownForExit(string exit)
    {
        Log.Logger.ExitFlush(exit);
        WaitForExit(() => StartShutdown(_exitBudget.Remaining, CancellationToken.None));
    }

    /// <summary>Flushes from a synchronous signal handler, within what is left of the exit budget.</summary>
    internal void FlushForExit(string exit)
    {
        Log.Logger.ExitFlush(exit);
        WaitForExit(() => _pipeline?.FlushAsync(_exitBudget.Remaining, CancellationToken.None) ?? Task.CompletedTask);
    }

    private void WaitForExit(Func<Task> start)
    {
        try
        {
            // Exit handlers are synchronous: blocking here is the only way to deliver what is queued. The export
            // loop runs on a thread of its own, never on this one.
            _exitBudget.Wait(start());
        }
        catch (Exception ex)
        {
            Log.Logger.ExportCrashed(ex.GetType().Name);
        }
    }

    /// <summary>Captures a hand-recorded span and records it. Never throws for bad data.</summary>
    private void Record(TracenticScope? scope, TracenticSpan span, Exception? exception)
    {
        if (_pipeline is null && !LlmCallTelemetry.Listening)
        {
            return;
        }

        try
        {
            var started = span.StartedAt;
            var ended = span.EndedAt;
            if (started == default || ended == default)
            {
                WarnOnce("span-time", static log => log.SpanTimeMissing());
                var now = Settings.Clock.GetUtcNow();
                if (started == default)
                {
                    started = ended == default ? now : ended;
                }

                if (ended == default)
                {
                    ended = now;
                }
            }

            // Built where it is passed: a copy into a local would be one more copy of the whole call per span.
            Record(
                new RecordedCall
                {
                    Scope = scope,
                    StartUnixNanos = ToUnixNanos(started),
                    EndUnixNanos = ToUnixNanos(ended),
                    Provider = span.Provider,
                    Model = span.Model,
                    OperationType = span.OperationType,
                    InputTokens = span.InputTokens,
                    OutputTokens = span.OutputTokens,
                    // By hand the counts are parts of the totals, as Microsoft.Extensions.AI and OpenAI report them.
                    TokenDetails = RecordedTokenDetails.Of(span.CacheReadInputTokens, span.CacheWriteInputTokens, span.ReasoningOutputTokens, cacheSeparate: false),
                    Attributes = RecordedSpan.CopyAttributes(span.Attributes),
                    Error = exception is null ? null : RecordedError.Of(exception),
                },
                activity: null,
                recordedByHand: true,
                exception);
        }
        catch (Exception ex)
        {
            Log.Logger.RecordFailed(ex.GetType().Name); // building the call failed: Record itself never throws
        }
    }

    /// <summary>
    /// The one recording path, shared by the public API and generated wrappers. Settles the call once (times in order,
    /// tokens sanitized, the ambient context), completes its in-process telemetry (<paramref name="activity"/>, the
    /// wrapper's, or one made now for a span recorded by hand), and queues it for the outputs with its ids. Nothing is
    /// allocated when no output exports it. Never throws.
    /// </summary>
    internal void Record(in RecordedCall recorded, Activity? activity, bool recordedByHand, Exception? exception)
    {
        try
        {
            var call = Settle(recorded);
            activity = LlmCallTelemetry.Record(Settings, call, activity, recordedByHand, exception);
            if (_pipeline is null)
            {
                return;
            }

            if (Volatile.Read(ref _shutdown) == 1)
            {
                WarnOnce("after-shutdown", static log => log.SpanAfterShutdown());
                return;
            }

            // An activity made for the span gives it the ids every output writes; else the scope tree's trace.
            var (trace, parentSpanId) = activity is not null ? SpanIdentity.Of(activity) : SpanIdentity.For(call.Scope);
            _pipeline.Add(new RecordedSpan { Call = call, Trace = trace, ParentSpanId = parentSpanId, ActivityParentSpanId = AmbientParent(trace) });
            if (Log.IsDebugEnabled)
            {
                Log.Logger.SpanEnqueued(SpanResolver.SpanName(call.Provider, call.OperationType), _pipeline.QueuedCount);
            }
        }
        catch (Exception ex)
        {
            Log.Logger.RecordFailed(ex.GetType().Name);
        }
    }

    /// <summary>
    /// Called once when a scope of this instance ends (<see cref="TracenticScope.End"/>): queued as a span of its own
    /// for the outputs that send scopes (standard OTLP); nothing happens without one. Never throws.
    /// </summary>
    internal void OnScopeEnded(TracenticScope scope)
    {
        if (_pipeline is not { SendsScopes: true } pipeline)
        {
            return;
        }

        if (Volatile.Read(ref _shutdown) == 1)
        {
            WarnOnce("scope-after-shutdown", static log => log.ScopeAfterShutdown());
            return;
        }

        try
        {
            var start = UnixNanos.Of(scope.StartedAt);
            pipeline.Add(new RecordedSpan
            {
                IsScope = true,
                Call = new RecordedCall
                {
                    Scope = scope,
                    StartUnixNanos = start,
                    EndUnixNanos = Math.Max(UnixNanos.Of(scope.EndedAt ?? scope.StartedAt), start),
                },
                Trace = scope.Identity,
                ParentSpanId = scope.ParentSpanId,
            });
        }
        catch (Exception ex)
        {
            Log.Logger.RecordFailed(ex.GetType().Name);
        }
    }

    private long ToUnixNanos(DateTimeOffset time)
    {
        var nanos = UnixNanos.Of(time, out var clamped);
        if (clamped)
        {
            WarnOnce("span-range", static log => log.SpanTimeOutOfRange());
        }

        return nanos;
    }

    /// <summary>
    /// Everything the engine settles about a call, in one place: the end never before the start, no negative token
    /// count, and the ambient request and global context of the recording thread unless the call carries the context it
    /// was made in (a wrapper records later, maybe on another thread).
    /// </summary>
    private RecordedCall Settle(in RecordedCall call)
    {
        var end = call.EndUnixNanos;
        if (end < call.StartUnixNanos)
        {
            WarnOnce("span-order", static log => log.SpanEndedBeforeStart());
            end = call.StartUnixNanos;
        }

        return call with
        {
            EndUnixNanos = end,
            InputTokens = SanitizeTokens(call.InputTokens),
            OutputTokens = SanitizeTokens(call.OutputTokens),
            Request = call.Request ?? TracenticRequestContext.Current,
            GlobalContext = call.GlobalContext ?? TracenticGlobalContext.Current.Snapshot,
        };
    }

    /// <summary>The ingest names the recording thread's activity as parent when it belongs to the span's trace.</summary>
    private static ulong AmbientParent(TraceIdentity trace) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            && TraceIdentity.Of(activity) is var ambient && ambient.TraceHigh == trace.TraceHigh && ambient.TraceLow == trace.TraceLow
            ? ambient.SpanId
            : 0;

    private long? SanitizeTokens(long? tokens)
    {
        if (tokens < 0)
        {
            WarnOnce("negative-tokens", static log => log.NegativeTokens());
            return null;
        }

        return tokens;
    }

    private void WarnOnce(string kind, Action<Microsoft.Extensions.Logging.ILogger> warn)
    {
        if (Log.FirstTime(kind))
        {
            warn(Log.Logger);
        }
    }
}
