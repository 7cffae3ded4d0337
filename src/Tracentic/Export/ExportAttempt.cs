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

    /// <summary>Resolves the batch (each span once for all outputs), in <see cref="Resolved"/>, in the batch's order.</summary>
    public void Resolve(ResolvedSpans resolved)
    {
        Resolved.Clear();
        foreach (var queued in Batch)
        {
            Resolved.Add(resolved.Get(queued));
        }
    }

    /// <summary>
    /// Gives each span of the batch its resolved form to take along, before spans of it go back to wait (a failure, a
    /// refusal, a partial delivery): taken again, a span is not resolved again. Not done for every batch, as most are
    /// delivered whole.
    /// </summary>
    public void KeepResolved()
    {
        for (var i = 0; i < Batch.Count; i++)
        {
            Batch[i] = Batch[i] with { Resolved = Resolved[i] };
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
