using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>One batch on its way: the spans taken from the queue, their sequence numbers, their resolved form, the request.</summary>
internal sealed class ExportAttempt(int capacity)
{
    public List<RecordedSpan> Batch { get; } = new(capacity);

    public List<long> Sequence { get; } = new(capacity);

    public List<ResolvedSpan> Resolved { get; } = new(capacity);

    public Task<ExportResult>? Task { get; set; }

    /// <summary>The loop's failure count when the attempt began: a failure of an attempt that overlapped an earlier failure is not counted again.</summary>
    public int FailuresAtStart { get; set; }
}
