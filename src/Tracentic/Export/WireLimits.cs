namespace Tracentic.Export;

/// <summary>Byte bounds of what one request carries, so a few huge spans never make a body the ingest refuses (413).</summary>
/// <param name="MaxSpanBytes">A span larger than this as JSON is trimmed (lowest-priority attributes first) and marked.</param>
/// <param name="MaxRequestBytes">A body holds as many spans as fit under this; the rest go in the next request.</param>
internal sealed record WireLimits(int MaxSpanBytes, int MaxRequestBytes)
{
    /// <summary>1 MiB per span (128 attributes of 4,096 ASCII characters fit), 4 MiB per request.</summary>
    public static readonly WireLimits Default = new(1024 * 1024, 4 * 1024 * 1024);
}
