namespace Tracentic.Local;

/// <summary>Settings of a <see cref="LocalReceiver"/>.</summary>
public sealed class LocalReceiverOptions
{
    /// <summary>The API key requests must carry in <c>x-tracentic-api-key</c>. When null, a random key is made.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Port on 127.0.0.1. Default 0: a free port chosen by the system.</summary>
    public int Port { get; set; }

    /// <summary>Largest request body accepted; larger ones get 413. Default 16 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
