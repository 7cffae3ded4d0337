namespace Tracentic.Export;

/// <summary>
/// Removes secrets (the API key, a collector's header values) from text a server sent back (bodies, reason phrases,
/// headers) before it is logged. Redacts first and shortens after, so a cut can never leave part of a secret behind.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretRedactor(string? secret)
        : this([secret])
    {
    }

    public SecretRedactor(IEnumerable<string?> secrets) =>
        _secrets = [.. secrets.Where(secret => !string.IsNullOrEmpty(secret)).Select(secret => secret!)];

    /// <summary><paramref name="text"/> without the secrets, then cut to <paramref name="maxLength"/> characters.</summary>
    public string Redact(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
    }
}
