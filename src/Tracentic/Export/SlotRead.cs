namespace Tracentic.Export;

/// <summary>What reading one sequence number from the <see cref="SpanQueue"/> found.</summary>
internal enum SlotRead
{
    /// <summary>The span is there.</summary>
    Ready,

    /// <summary>A recording thread has its number but has not written it yet: read it again later.</summary>
    NotYet,

    /// <summary>A newer span took its slot: it was dropped.</summary>
    Overwritten,
}
