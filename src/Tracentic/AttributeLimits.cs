namespace Tracentic;

/// <summary>
/// Limits applied to user attributes when spans are exported. Values may be lowered, never raised above
/// the platform maximum: each setter clamps to <c>[1, platform max]</c>.
/// </summary>
public sealed class AttributeLimits
{
    /// <summary>Most user attributes on one span the Tracentic platform accepts.</summary>
    public const int PlatformMaxAttributeCount = 128;

    /// <summary>Longest string attribute value (in UTF-16 characters) the platform accepts.</summary>
    public const int PlatformMaxStringValueLength = 4096;

    /// <summary>Longest attribute key (in UTF-16 characters) the platform accepts.</summary>
    public const int PlatformMaxKeyLength = 256;

    private int _maxAttributeCount = PlatformMaxAttributeCount;
    private int _maxStringValueLength = PlatformMaxStringValueLength;
    private int _maxKeyLength = PlatformMaxKeyLength;

    /// <summary>Most user attributes per span; when exceeded, the lowest-priority layer loses first.</summary>
    public int MaxAttributeCount
    {
        get => _maxAttributeCount;
        set => _maxAttributeCount = Math.Clamp(value, 1, PlatformMaxAttributeCount);
    }

    /// <summary>Longer string values are truncated.</summary>
    public int MaxStringValueLength
    {
        get => _maxStringValueLength;
        set => _maxStringValueLength = Math.Clamp(value, 1, PlatformMaxStringValueLength);
    }

    /// <summary>Longer keys are truncated.</summary>
    public int MaxKeyLength
    {
        get => _maxKeyLength;
        set => _maxKeyLength = Math.Clamp(value, 1, PlatformMaxKeyLength);
    }

    internal AttributeLimits Clone() => new()
    {
        _maxAttributeCount = _maxAttributeCount,
        _maxStringValueLength = _maxStringValueLength,
        _maxKeyLength = _maxKeyLength,
    };
}
