using Tracentic.Core;
using Tracentic.Export;

namespace Tracentic.Benchmarks;

/// <summary>A ring the <c>queue</c> mode hands spans over with: the engine's <see cref="SpanQueue"/>, or a ring for comparison.</summary>
internal interface IHandoffRing
{
    long Added { get; }

    void Add(in RecordedSpan span);

    SlotRead TryRead(long sequence, out RecordedSpan span);
}
