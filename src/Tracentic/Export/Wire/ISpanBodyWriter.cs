namespace Tracentic.Export.Wire;

/// <summary>Serializes resolved spans as one request body in one wire flavour. Not thread-safe: one per request in flight.</summary>
internal interface ISpanBodyWriter
{
    /// <summary>Writes the first spans of <paramref name="batch"/> (at least one, as many as fit); returns how many. The body is valid until the next call.</summary>
    int Write(IReadOnlyList<ResolvedSpan> batch, out ReadOnlyMemory<byte> body);
}
