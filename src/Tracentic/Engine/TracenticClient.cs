using System.Diagnostics;
using Tracentic.Export;

namespace Tracentic.Engine;

/// <summary>
/// The runtime engine behind <see cref="ITracentic"/>: recording captures the call and hands it to the
/// <see cref="ExportPipeline"/>; everything else happens there. <see cref="Record(RecordedSpan)"/> is the one recording path of
/// the public API and of generated wrappers.
/// </summary>
internal sealed class TracenticClient : ITracentic, IDisposable
{
    private readonly ExportPipeline? _pipeline;
    private readonly ExitHooks? _exitHooks;
    private readonly ExitBudget _exitBudget;
    private readonly object _shutdownGate = new();
    private Task? _shutdownTask;
    private int _shutdown;

    public TracenticClient(TracenticOptions options)
        : this(options, ExportSetup.Default)
    {
    }

    internal TracenticClient(TracenticOptions options, ExportSetup setup)
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

        if (Settings.Otlp is { } otlp)
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

    public TracenticScope BeginScope(
        string name,
        IReadOnlyDictionary<string, object?> attributes,
        string? correlationId,
        string? parentScopeId)
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

        return new TracenticScope(name, parentId, correlationId, attributes, Settings.Clock, parent, this);
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
        if (_pipeline is null && !Telemetry.LlmCallTelemetry.Listening)
        {
            return;
        }

        RecordedSpan recorded;
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

            recorded = new RecordedSpan
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
            };

            if (exception is not null)
            {
                recorded.ErrorType = exception.GetType().Name;
                recorded.ErrorFullType = exception.GetType().FullName;
                recorded.ErrorMessage = SafeMessage(exception);
            }

            if (recorded.EndUnixNanos < recorded.StartUnixNanos)
            {
                WarnOnce("span-order", static log => log.SpanEndedBeforeStart());
                recorded.EndUnixNanos = recorded.StartUnixNanos;
            }

            // In-process OpenTelemetry first: an activity made for the span gives it the ids every output writes.
            Telemetry.LlmCallTelemetry.Record(Settings, recorded, null, recordedByHand: true, exception);
        }
        catch (Exception ex)
        {
            Log.Logger.RecordFailed(ex.GetType().Name);
            return;
        }

        Record(recorded);
    }

    /// <summary>
    /// The one recording path, shared by the public API and generated wrappers: sanitizes what could make the span
    /// unexportable, stamps the ambient context, and queues it. Never throws.
    /// </summary>
    internal void Record(RecordedSpan recorded)
    {
        if (_pipeline is null)
        {
            return;
        }

        if (Volatile.Read(ref _shutdown) == 1)
        {
            WarnOnce("after-shutdown", static log => log.SpanAfterShutdown());
            return;
        }

        try
        {
            if (recorded.EndUnixNanos < recorded.StartUnixNanos)
            {
                WarnOnce("span-order", static log => log.SpanEndedBeforeStart());
                recorded.EndUnixNanos = recorded.StartUnixNanos;
            }

            recorded.InputTokens = SanitizeTokens(recorded.InputTokens);
            recorded.OutputTokens = SanitizeTokens(recorded.OutputTokens);
            StampContext(recorded);
            _pipeline.Add(recorded);
            if (Log.IsDebugEnabled)
            {
                Log.Logger.SpanEnqueued(SpanResolver.SpanName(recorded.Provider, recorded.OperationType), _pipeline.QueuedCount);
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
            pipeline.Add(new RecordedSpan
            {
                IsScope = true,
                Scope = scope,
                StartUnixNanos = RecordedSpan.ToUnixNanos(scope.StartedAt),
                EndUnixNanos = Math.Max(RecordedSpan.ToUnixNanos(scope.EndedAt ?? scope.StartedAt), RecordedSpan.ToUnixNanos(scope.StartedAt)),
                Trace = scope.Identity,
                ParentSpanId = scope.ParentSpanId,
            });
        }
        catch (Exception ex)
        {
            Log.Logger.RecordFailed(ex.GetType().Name);
        }
    }

    /// <summary>An exception's message, or a note saying it could not be read (a throwing <c>Message</c> must not lose the span).</summary>
    internal static string SafeMessage(Exception exception)
    {
        try
        {
            return exception.Message ?? "";
        }
        catch (Exception ex)
        {
            return $"<{exception.GetType().Name}.Message threw {ex.GetType().Name}>";
        }
    }

    private long ToUnixNanos(DateTimeOffset time)
    {
        var nanos = RecordedSpan.ToUnixNanos(time, out var clamped);
        if (clamped)
        {
            WarnOnce("span-range", static log => log.SpanTimeOutOfRange());
        }

        return nanos;
    }

    /// <summary>
    /// Captures the ambient request, global context and activity of the recording thread, unless the span already
    /// carries the context it was made in (a wrapper records an LLM call later, maybe on another thread).
    /// </summary>
    private static void StampContext(RecordedSpan recorded)
    {
        recorded.Request ??= TracenticRequestContext.Current;
        recorded.GlobalContext ??= TracenticGlobalContext.Current.Snapshot;
        if (recorded.Trace.IsEmpty)
        {
            Telemetry.SpanIdentity.Stamp(recorded); // the trace of its scope tree, or of Activity.Current
        }

        // The ingest names the ambient activity as parent when it belongs to the span's trace.
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            && Telemetry.TraceIdentity.Of(activity) is var ambient && ambient.TraceHigh == recorded.Trace.TraceHigh && ambient.TraceLow == recorded.Trace.TraceLow)
        {
            recorded.ActivityParentSpanId = ambient.SpanId;
        }
    }

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
