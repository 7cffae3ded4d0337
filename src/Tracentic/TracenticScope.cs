using System.Diagnostics;
using Tracentic.Engine;
using Tracentic.Telemetry;
using Tracentic.Core;

namespace Tracentic;

/// <summary>
/// A named unit of work that groups LLM spans: a request, a pipeline, a step. Spans recorded with it carry its
/// id, name, parent and attributes, and share its trace. <see cref="End"/> (or <c>Dispose</c>) closes it: its
/// activity stops and the standard OTLP output sends it as a span. A scope that is never ended leaves no scope
/// span (OpenTelemetry exports only what has ended); its LLM spans are exported as usual, linked to it.
/// </summary>
public sealed class TracenticScope : IDisposable
{
    private static readonly AsyncLocal<TracenticScope?> s_current = new();

    // 128 random bits (RandomIds: a few nanoseconds, where Guid.NewGuid() costs a system call, and a scope is
    // begun on every traced call); never all zero, as the id doubles as a root scope's trace id.
    private readonly ulong _idHigh;
    private readonly ulong _idLow;
    private readonly TimeProvider _clock;
    private readonly TracenticEngine? _owner;
    private string? _idText;
    private long _endedTicks; // UTC ticks of End(); 0 while open (one field: a scope is created on every traced call)
    private int _endDeferred; // 1 once a generated wrapper handed the end to the task its method returned

    internal TracenticScope(
        string name,
        string? parentId,
        string? correlationId,
        IReadOnlyDictionary<string, object?> attributes,
        TimeProvider clock,
        TracenticScope? parent = null,
        TracenticEngine? owner = null,
        bool activityCurrent = false)
    {
        (_idHigh, _idLow) = RandomIds.NonZero128();

        _clock = clock;
        Name = name;
        ParentId = parentId;
        CorrelationId = correlationId;
        Attributes = attributes;
        _owner = owner;
        (Identity, ParentSpanId, Activity) = ScopeTelemetry.Begin(this, parent, _idHigh, _idLow, leaveCurrent: activityCurrent);

        // On the system clock the activity's start is the scope's: one reading of the clock, the same instant in every view.
        StartedAt = Activity is { } activity && OnSystemClock ? new DateTimeOffset(activity.StartTimeUtc) : clock.GetUtcNow();
        if (Activity is { IsAllDataRequested: true } tagged)
        {
            ScopeTelemetry.Tag(tagged, this);
        }
    }

    /// <summary>The scope that nesting and <c>[TracenticLlmCall]</c> spans attach to in this async flow.</summary>
    public static TracenticScope? Current => s_current.Value;

    private string? _startedAtText;

    /// <summary>Unique id: 32 lowercase hexadecimal characters.</summary>
    public string Id => _idText ??= FormatId(); // formatted on first use: most scopes never need the text

    /// <summary>Name given at creation, e.g. <c>"rag-pipeline"</c>.</summary>
    public string Name { get; }

    /// <summary>Id of the parent scope, possibly in another service; null for a root scope.</summary>
    public string? ParentId { get; }

    /// <summary>Caller-defined id that ties this work to something outside Tracentic (an order, a ticket).</summary>
    public string? CorrelationId { get; }

    /// <summary>When the scope was created (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary><see cref="StartedAt"/> as <c>tracentic.scope.started_at</c> carries it, formatted once for the scope's spans.</summary>
    internal string StartedAtText => _startedAtText ??= Export.PythonIsoTimestamp.Format(StartedAt);

    /// <summary>Attributes copied at creation: later changes to the caller's dictionary do not reach them.</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <summary>
    /// W3C trace id (32 lowercase hex characters) shared by every span of this scope tree: the root scope's, or
    /// the trace of the <see cref="System.Diagnostics.Activity.Current"/> it began under (an ASP.NET Core request).
    /// </summary>
    public string TraceId => Identity.TraceIdHex;

    /// <summary>When <see cref="End"/> was called (UTC); null while the scope is open.</summary>
    public DateTimeOffset? EndedAt => Volatile.Read(ref _endedTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Trace id, this scope's own span id (the parent of its LLM spans) and nothing allocated.</summary>
    internal TraceIdentity Identity { get; }

    /// <summary>Span id of the parent scope or joined activity; 0 for a trace root.</summary>
    internal ulong ParentSpanId { get; }

    /// <summary>The INTERNAL activity, when something listened as the scope began.</summary>
    internal Activity? Activity { get; }

    /// <summary>Whether the scope's times come from the system clock, as its activity's do.</summary>
    private bool OnSystemClock => ReferenceEquals(_clock, TimeProvider.System);

    /// <summary>
    /// Ends the scope: records its end time, stops its activity and hands it to the standard OTLP output as a
    /// span. Spans can still be recorded in an ended scope. Calling it again does nothing.
    /// </summary>
    public void End()
    {
        var now = _clock.GetUtcNow();
        if (Interlocked.CompareExchange(ref _endedTicks, Math.Max(1, now.UtcTicks), 0) != 0)
        {
            return;
        }

        if (Activity is { } activity)
        {
            if (OnSystemClock)
            {
                activity.SetEndTime(now.UtcDateTime); // the scope's end is the activity's: stopping it does not read the clock again
            }

            TracenticTelemetry.Stop(activity);
        }

        _owner?.OnScopeEnded(this);
    }

    /// <summary>
    /// Makes the generated wrapper's activation leave the end to someone else (the task its method returned, see
    /// <see cref="Instrumentation.ScopeCompletion"/>). Returns false when it was handed over already.
    /// </summary>
    internal bool DeferEnd() => Interlocked.Exchange(ref _endDeferred, 1) == 0;

    /// <summary>Same as <see cref="End"/>, for <c>using var scope = tracentic.Begin(...)</c>.</summary>
    public void Dispose() => End();

    /// <summary>Creates a child scope: its parent is this scope and it inherits the correlation id unless given one.</summary>
    public TracenticScope CreateChild(string name, Dictionary<string, object?>? attributes = null, string? correlationId = null)
    {
        ScopeNames.ThrowIfInvalid(name);
        return new TracenticScope(name, Id, correlationId ?? CorrelationId, AttributeSnapshot.Copy(attributes), _clock, this, _owner);
    }

    /// <summary>
    /// Makes this the ambient scope (<see cref="Current"/>), and its activity <see cref="System.Diagnostics.Activity.Current"/>,
    /// until the returned value is disposed, which restores the previous ones. Use with <c>using</c>.
    /// </summary>
    public Activation Activate() => Activate(endOnDispose: false);

    /// <summary>As <see cref="Activate()"/>; with <paramref name="endOnDispose"/> disposing also ends the scope (generated scopes).</summary>
    internal Activation Activate(bool endOnDispose)
    {
        var previousActivity = System.Diagnostics.Activity.Current;
        if (Activity is { } activity)
        {
            System.Diagnostics.Activity.Current = activity;
        }

        return MakeAmbient(previousActivity, endOnDispose ? this : null);
    }

    /// <summary>
    /// Makes this the ambient scope for a generated wrapper, which ends it on dispose: the scope was begun with its
    /// activity current already (<see cref="Engine.TracenticEngine.BeginScope(string, IReadOnlyDictionary{string, object?}, string?, string?, bool)"/>),
    /// and <paramref name="previousActivity"/> is the one current before, which disposing restores.
    /// </summary>
    internal Activation ActivateBegun(Activity? previousActivity) => MakeAmbient(previousActivity, ending: this);

    private Activation MakeAmbient(Activity? previousActivity, TracenticScope? ending)
    {
        var previous = s_current.Value;
        s_current.Value = this;
        return new Activation(previous, previousActivity, Activity is not null, ending);
    }

    private string FormatId() => string.Create(32, (_idHigh, _idLow), static (chars, id) =>
    {
        id._idHigh.TryFormat(chars, out _, "x16");
        id._idLow.TryFormat(chars[16..], out _, "x16");
    });

    /// <summary>Restores the previously ambient scope when disposed; a default value does nothing.</summary>
    public readonly struct Activation : IDisposable
    {
        private readonly TracenticScope? _previous;
        private readonly Activity? _previousActivity;
        private readonly TracenticScope? _ending;
        private readonly bool _active;
        private readonly bool _restoresActivity;

        internal Activation(TracenticScope? previous, Activity? previousActivity, bool restoresActivity, TracenticScope? ending)
        {
            _previous = previous;
            _previousActivity = previousActivity;
            _restoresActivity = restoresActivity;
            _ending = ending;
            _active = true;
        }

        /// <summary>The scope this activation ends when disposed (generated scopes); null otherwise.</summary>
        internal TracenticScope? Ending => _ending;

        /// <summary>Restores the scope (and activity) that was ambient before <see cref="Activate()"/>.</summary>
        public void Dispose()
        {
            if (_active)
            {
                s_current.Value = _previous;
                if (_restoresActivity)
                {
                    System.Diagnostics.Activity.Current = _previousActivity;
                }

                if (_ending is { } ending && Volatile.Read(ref ending._endDeferred) == 0)
                {
                    ending.End(); // a synchronous method's scope, or an async one that failed before returning its task
                }
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Id})";
}

internal static class ScopeNames
{
    public static void ThrowIfInvalid(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A scope needs a name, e.g. Begin(\"rag-pipeline\"). It names the unit of work in the dashboard.", nameof(name));
        }
    }
}
