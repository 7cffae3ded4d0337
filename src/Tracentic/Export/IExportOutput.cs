namespace Tracentic.Export;

/// <summary>
/// One destination of resolved spans in one wire flavour (the Tracentic ingest API, or a standard OTLP endpoint). An
/// output only serializes and sends: merging, limits and cost were applied by <see cref="SpanResolver"/>, and
/// when to send and whether to retry is the <see cref="ExportLoop"/>'s business.
/// </summary>
internal interface IExportOutput : IDisposable
{
    /// <summary>
    /// Sends the first spans of <paramref name="batch"/> (as many as one request holds); never throws for failed delivery.
    /// The spans may be reused for later spans once the returned task completes: read them before, keep none after.
    /// </summary>
    Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Whether ended scopes are sent as spans of their own (standard OTLP). The Tracentic ingest does not take them:
    /// its LLM spans carry their scope as <c>tracentic.scope.*</c> attributes, so scope spans never enter its queue.
    /// </summary>
    bool SendsScopes => false;

    /// <summary>
    /// Writes <paramref name="sample"/> as a request body without sending it, so that the first batch finds the
    /// writer's code compiled (<see cref="ExportWarmUp"/>). Nothing by default.
    /// </summary>
    void Prepare(IReadOnlyList<ResolvedSpan> sample)
    {
    }
}
