namespace Tracentic.Export;

/// <summary>How one export attempt ended, from the export loop's point of view.</summary>
internal enum ExportStatus
{
    /// <summary>The spans were accepted: remove them from the queue.</summary>
    Delivered,

    /// <summary>The spans were refused for their content: split the batch, or drop a single span.</summary>
    Rejected,

    /// <summary>Nothing was accepted but it may be later: keep the spans queued and try again after a backoff.</summary>
    Retry,

    /// <summary>Shutdown gave up on the attempt: the loop ends, the spans stay queued (and are reported as left).</summary>
    Abandoned,
}
