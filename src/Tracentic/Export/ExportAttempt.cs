namespace Tracentic.Export;

/// <summary>One batch on its way: the spans taken from the queue, their resolved form, the request.</summary>
internal sealed class ExportAttempt(int capacity)
{
    public List<QueuedSpan> Batch { get; } = new(capacity);

    /// <summary>The batch resolved, as the output writes it.</summary>
    public List<ResolvedSpan> Resolved { get; } = new(capacity);

    public Task<ExportResult>? Task { get; set; }

    /// <summary>The output's failure count when the attempt began: a failure of an attempt that overlapped an earlier failure is not counted again.</summary>
    public int FailuresAtStart { get; set; }

    /// <summary>The sequence number of the last span the answer covered.</summary>
    public long LastSequence(int count) => Batch[count - 1].Sequence;

    /// <summary>Resolves the batch (each span once for all outputs); the spans keep their resolved form should they come back.</summary>
    public void Resolve(ResolvedSpans resolved)
    {
        Resolved.Clear();
        for (var i = 0; i < Batch.Count; i++)
        {
            var span = resolved.Get(Batch[i]);
            Batch[i] = Batch[i] with { Resolved = span };
            Resolved.Add(span);
        }
    }

    /// <summary>Lets go of the batch once it is settled, so an idle attempt keeps no span alive.</summary>
    public void Forget()
    {
        Batch.Clear();
        Resolved.Clear();
        Task = null;
    }
}
