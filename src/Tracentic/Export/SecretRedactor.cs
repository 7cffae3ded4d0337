namespace Tracentic.Export;

/// <summary>
/// Removes the API key from text a server sent back (bodies, reason phrases, headers) before it is logged. Redacts
/// first and shortens after, so a cut can never leave part of the key behind.
/// </summary>
internal sealed class SecretRedactor(string? secret)
{
    public const string Mask = "***";

    /// <summary><paramref name="text"/> without the secret, then cut to <paramref name="maxLength"/> characters.</summary>
    public string Redact(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
    }
}
