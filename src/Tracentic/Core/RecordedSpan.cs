namespace Tracentic.Core;

/// <summary>
/// A span as it waits for export: a recorded LLM call, or an ended scope, with the ids every output writes. Made once,
/// by the engine's <c>Record</c> (or when a scope ends), with everything settled; never written afterwards. A value:
/// the queue holds it in its ring, so recording a span allocates nothing of its own, and every output and every
/// attempt reads a copy of the same values.
/// </summary>
internal readonly struct RecordedSpan
{
    /// <summary>What was recorded; for a scope span only its scope and times.</summary>
    public RecordedCall Call { get; init; }

    /// <summary>
    /// An ended scope rather than an LLM call: only outputs that send scope spans take it (standard OTLP, see
    /// <c>IExportOutput.SendsScopes</c>); the Tracentic ingest links LLM spans to scopes by attributes instead.
    /// </summary>
    public bool IsScope { get; init; }

    /// <summary>The trace (of the scope tree, or of the activity it joined) and this span's own id, for every output.</summary>
    public TraceIdentity Trace { get; init; }

    /// <summary>The span this one hangs from: its scope's span, else the activity it was recorded under; 0 for none.</summary>
    public ulong ParentSpanId { get; init; }

    /// <summary>The span id of the recording thread's ambient activity when it is in the span's trace (the ingest names it as parent); 0 for none.</summary>
    public ulong ActivityParentSpanId { get; init; }

    public TracenticScope? Scope => Call.Scope;

    public long StartUnixNanos => Call.StartUnixNanos;

    public long EndUnixNanos => Call.EndUnixNanos;

    public static KeyValuePair<string, object?>[]? CopyAttributes(Dictionary<string, object?>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        var copy = new KeyValuePair<string, object?>[attributes.Count];
        var i = 0;
        foreach (var pair in attributes)
        {
            copy[i++] = pair;
        }

        return copy;
    }
}
