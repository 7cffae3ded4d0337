namespace Tracentic.Core;

/// <summary>
/// The one source of random ids (scope ids, trace ids, span ids). Unique, not secret: <see cref="Random.Shared"/>
/// (per thread, seeded from the OS) costs a few nanoseconds where a cryptographic generator costs far more.
/// </summary>
internal static class RandomIds
{
    /// <summary>64 random bits, never all zero (an all-zero span id is invalid).</summary>
    public static ulong NonZero()
    {
        ulong id;
        do
        {
            id = Any();
        }
        while (id == 0);
        return id;
    }

    /// <summary>64 random bits.</summary>
    public static ulong Any() => (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);

    /// <summary>128 random bits, never all zero (a trace id or a scope id).</summary>
    public static (ulong High, ulong Low) NonZero128()
    {
        ulong high, low;
        do
        {
            high = Any();
            low = Any();
        }
        while ((high | low) == 0);
        return (high, low);
    }
}
