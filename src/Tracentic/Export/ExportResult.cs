namespace Tracentic.Export;

/// <summary>The result of one export attempt.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Count">How many spans of the batch the attempt covered (a body has a byte bound, so possibly fewer than given).</param>
/// <param name="RetryAfter">The server's <c>Retry-After</c>, if it sent one.</param>
/// <param name="Problem">What went wrong, redacted, for the log.</param>
internal readonly record struct ExportResult(ExportStatus Status, int Count, TimeSpan? RetryAfter = null, string? Problem = null);
