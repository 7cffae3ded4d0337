using System.Runtime.CompilerServices;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>One batch on its way: the spans taken from the queue, their sequence numbers, their resolved form, the request.</summary>
internal sealed class ExportAttempt(int capacity)
{
    public List<RecordedSpan> Batch { get; } = new(capacity);

    public List<long> Sequence { get; } = new(capacity);

    /// <summary>The batch resolved, in instances this attempt reuses from one batch to the next.</summary>
    public List<ResolvedSpan> Resolved { get; } = new(capacity);

    private readonly List<ResolvedSpan> _reused = new(capacity);

    /// <summary>Resolves <see cref="Batch"/> into <see cref="Resolved"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Resolve(SpanResolver resolver)
    {
        Resolved.Clear();
        for (var i = 0; i < Batch.Count; i++)
        {
            if (i == _reused.Count)
            {
                _reused.Add(new ResolvedSpan());
            }

            resolver.Resolve(Batch[i], _reused[i]);
            Resolved.Add(_reused[i]);
        }
    }

    public Task<ExportResult>? Task { get; set; }

    /// <summary>The loop's failure count when the attempt began: a failure of an attempt that overlapped an earlier failure is not counted again.</summary>
    public int FailuresAtStart { get; set; }
}
