using System.Runtime.InteropServices;

namespace Tracentic.Export;

/// <summary>A counter on a cache line of its own, so threads writing a neighbour do not slow down the ones reading it.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public long Value;
}
