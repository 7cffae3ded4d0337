namespace Tracentic;

/// <summary>
/// Records LLM spans grouped into scopes and exports them to Tracentic. Recording never blocks on the
/// network and never throws for bad data; get an instance from <see cref="TracenticSdk"/>.
/// </summary>
public interface ITracentic : IAsyncDisposable
{
    /// <summary>
    /// Begins a scope. Its parent is <paramref name="parentScopeId"/> when given (e.g. from the
    /// <see cref="TracenticHeaders.Scope"/> header of an incoming request), else the ambient
    /// <see cref="TracenticScope.Current"/>, else the current request's incoming scope id, else none.
    /// </summary>
    /// <param name="name">Name of the unit of work, e.g. <c>"rag-pipeline"</c>.</param>
    /// <param name="attributes">Attributes for every span in the scope; copied.</param>
    /// <param name="correlationId">Your own id for this work (an order, a ticket); inherited from the ambient parent when null.</param>
    /// <param name="parentScopeId">Id of a parent scope, typically from another service.</param>
    TracenticScope Begin(
        string name,
        Dictionary<string, object?>? attributes = null,
        string? correlationId = null,
        string? parentScopeId = null);

    /// <summary>Records a completed LLM call in <paramref name="scope"/> (scopeless when null).</summary>
    void RecordSpan(TracenticScope? scope, TracenticSpan span);

    /// <summary>Records a completed LLM call in the ambient scope (scopeless when there is none).</summary>
    void RecordSpan(TracenticSpan span);

    /// <summary>Records a failed LLM call in <paramref name="scope"/>; the span carries the error and no cost.</summary>
    void RecordError(TracenticScope? scope, TracenticSpan span, Exception exception);

    /// <summary>Records a failed LLM call in the ambient scope (scopeless when there is none).</summary>
    void RecordError(TracenticSpan span, Exception exception);

    /// <summary>
    /// Exports every span recorded so far. Bounded by a timeout; never throws for export failures. Await it
    /// before a serverless handler returns: the runtime may freeze the process before the next batch is sent.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Flushes and stops the exporter for good; spans recorded afterwards are dropped, and a process-wide
    /// instance stops being the one wrappers use. For the end of the process (a console app may rely on the
    /// process-exit hook instead); in a serverless handler use <see cref="FlushAsync"/>. Safe to call more than once.
    /// </summary>
    Task ShutdownAsync(CancellationToken cancellationToken = default);
}
