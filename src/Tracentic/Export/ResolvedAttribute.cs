using Tracentic.Export.Wire;

namespace Tracentic.Export;

/// <summary>
/// A user attribute after key cleaning and value normalization. Layers (scope, request, global) share one instance
/// between all their spans, so its JSON is encoded once, on first use.
/// </summary>
internal sealed class ResolvedAttribute(string key, AttributeValue value)
{
    private byte[]? _json;

    public string Key { get; } = key;

    public AttributeValue Value { get; } = value;

    /// <summary>The attribute as an OTLP <c>KeyValue</c> JSON object (the same in every wire flavour).</summary>
    public ReadOnlySpan<byte> Json => _json ??= AttributeJson.Encode(Key, Value); // a race only encodes it twice
}
