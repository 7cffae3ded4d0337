using System.Runtime.CompilerServices;

namespace Tracentic.Export;

/// <summary>
/// A few recent results keyed by the identity of one or two strings (export thread only). Most spans come from a few
/// call sites that pass the same string instances (a provider, a model, an operation), so looking them up by identity
/// first avoids hashing their characters for every span; a miss falls back to the caller's dictionary.
/// </summary>
internal sealed class RecentPairs<T>
    where T : class
{
    private readonly (string? First, string? Second, T? Value)[] _entries = new (string?, string?, T?)[16];

    public bool TryGet(string? first, string? second, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
    {
        ref var entry = ref Entry(first, second);
        value = entry.Value;
        return value is not null && ReferenceEquals(entry.First, first) && ReferenceEquals(entry.Second, second);
    }

    public void Set(string? first, string? second, T value) => Entry(first, second) = (first, second, value);

    private ref (string? First, string? Second, T? Value) Entry(string? first, string? second) =>
        ref _entries[((RuntimeHelpers.GetHashCode(first) * 31) ^ RuntimeHelpers.GetHashCode(second)) & (_entries.Length - 1)];
}
