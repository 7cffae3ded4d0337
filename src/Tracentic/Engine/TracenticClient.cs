using System.Diagnostics;
using Tracentic.Export;

namespace Tracentic.Engine;

/// <summary>
/// The runtime engine behind <see cref="ITracentic"/>: recording captures the call and enqueues it;
/// everything else happens on the export side (<see cref="SpanBatcher"/>).
/// </summary>
internal sealed class TracenticClient : ITracentic, IDisposable
{
    private readonly SpanBatcher? _batcher;
    private readonly object _shutdownGate = new();
    private Task? _shutdownTask;
    private int _shutdown;

    public TracenticClient(TracenticOptions options)
    {
        Settings = new TracenticSettings(options);
        Log = new TracenticLog(Settings.LoggerFactory, Settings.Debug);
        Log.Debug("debug logging enabled");

        var exporter = Settings.ExporterFactory?.Invoke(Settings, Log)
            ?? (Settings.ApiKey is null ? null : new OtlpHttpExporter(Settings, Log));

        if (exporter is null)
        {
            Log.Info("no ApiKey configured: spans are recorded locally but not exported. Set TracenticOptions.ApiKey to export them.");
        }
        else
        {
            _batcher = new SpanBatcher(Settings, Log, exporter);
            if (Settings.FlushOnProcessExit)
            {
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            }
        }
    }

    private static readonly TimeSpan ProcessExitTimeout = TimeSpan.FromSeconds(5);

    public TracenticSettings Settings { get; }

    public TracenticLog Log { get; }

    public TimeProvider Clock => Settings.Clock;

    /// <summary>Whether message content is recorded (<see cref="TracenticOptions"/> content capture).</summary>
    internal bool CapturesContent => Settings.CaptureMessageContent;

    /// <summary>Spans dropped because the queue was full (oldest first).</summary>
    public long DroppedSpans => _batcher?.Dropped ?? 0;

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
        if (!string.IsNullOrWhiteSpace(parentScopeId))
        {
            parentId = parentScopeId;
        }
        else if (TracenticScope.Current is { } ambient)
        {
            parentId = ambient.Id;
            correlationId ??= ambient.CorrelationId;
        }
        else
        {
            parentId = TracenticRequestContext.Current?.ParentScopeId;
        }

        return new TracenticScope(name, parentId, correlationId, attributes, Settings.Clock);
    }

    public void RecordSpan(TracenticScope? scope, TracenticSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        Enqueue(Capture(scope, span));
    }

    public void RecordSpan(TracenticSpan span) => RecordSpan(TracenticScope.Current, span);

    public void RecordError(TracenticScope? scope, TracenticSpan span, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(exception);
        var recorded = Capture(scope, span);
        recorded.ErrorType = exception.GetType().Name;
        recorded.ErrorMessage = exception.Message;
        Enqueue(recorded);
    }

    public void RecordError(TracenticSpan span, Exception exception) => RecordError(TracenticScope.Current, span, exception);

    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        _batcher?.FlushAsync(Settings.FlushTimeout, cancellationToken) ?? Task.CompletedTask;

    public Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        lock (_shutdownGate)
        {
            if (_shutdownTask is null)
            {
                Volatile.Write(ref _shutdown, 1);
                TracenticSdk.Uninstall(this);
                _shutdownTask = ShutdownCoreAsync(cancellationToken);
            }

            return _shutdownTask;
        }
    }

    private async Task ShutdownCoreAsync(CancellationToken cancellationToken)
    {
        Log.Debug("shutting down exporter...");
        try
        {
            if (_batcher is not null)
            {
                await _batcher.ShutdownAsync(Settings.FlushTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Only now: until the queue is delivered, process exit must still wait for it.
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }

        Log.Debug("exporter shutdown complete");
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    /// <summary>
    /// For containers that dispose synchronously: starts the shutdown without blocking. What is queued is
    /// still delivered in the background, and the process-exit hook waits for it.
    /// </summary>
    public void Dispose() => _ = ShutdownAsync();

    /// <summary>The hot path shared by the public API and generated wrappers: capture, then enqueue.</summary>
    internal void Enqueue(RecordedSpan span)
    {
        if (_batcher is null)
        {
            return;
        }

        if (Volatile.Read(ref _shutdown) == 1)
        {
            Log.WarnOnce("after-shutdown", "a span was recorded after ShutdownAsync and was dropped; record spans before shutting down.");
            return;
        }

        _batcher.Enqueue(span);
    }

    /// <summary>Copies what the caller may still change and stamps ambient context; sanitizes bad values.</summary>
    internal RecordedSpan Capture(TracenticScope? scope, TracenticSpan span)
    {
        var started = span.StartedAt;
        var ended = span.EndedAt;
        if (started == default || ended == default)
        {
            Log.WarnOnce("span-time", "a span was recorded without StartedAt or EndedAt; the missing time was set to the recording time.");
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

        if (ended < started)
        {
            Log.WarnOnce("span-order", "a span ended before it started; its end time was set to its start time.");
            ended = started;
        }

        var recorded = new RecordedSpan
        {
            Scope = scope,
            StartUnixNanos = RecordedSpan.ToUnixNanos(started),
            EndUnixNanos = RecordedSpan.ToUnixNanos(ended),
            Provider = span.Provider,
            Model = span.Model,
            OperationType = span.OperationType,
            InputTokens = SanitizeTokens(span.InputTokens),
            OutputTokens = SanitizeTokens(span.OutputTokens),
            Attributes = RecordedSpan.CopyAttributes(span.Attributes),
        };
        StampContext(recorded);
        return recorded;
    }

    /// <summary>Captures the ambient request, global context and activity of the recording thread.</summary>
    internal static void StampContext(RecordedSpan recorded)
    {
        recorded.Request = TracenticRequestContext.Current;
        recorded.GlobalContext = TracenticGlobalContext.Current.Snapshot;
        if (Activity.Current is { } activity)
        {
            recorded.HasActivity = true;
            recorded.ActivityTraceId = activity.TraceId;
            recorded.ActivitySpanId = activity.SpanId;
        }
    }

    internal long? SanitizeTokens(long? tokens)
    {
        if (tokens < 0)
        {
            Log.WarnOnce("negative-tokens", "a span had a negative token count; the count was dropped.");
            return null;
        }

        return tokens;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // Process exit handlers are synchronous: waiting here is the only way to deliver what is queued.
        try
        {
            ShutdownAsync().Wait(ProcessExitTimeout);
        }
        catch (Exception ex)
        {
            Log.Warn($"flush at process exit failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
