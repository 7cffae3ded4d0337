namespace Tracentic.Local;

/// <summary>The resource a batch of spans came from: the sending service.</summary>
public sealed class ReceivedResource
{
    /// <summary>Creates a resource from its OTLP attributes.</summary>
    public ReceivedResource(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Attributes = attributes;
    }

    /// <summary>Every resource attribute as sent.</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <summary><c>service.name</c>, or <c>"unknown-service"</c> when absent.</summary>
    public string ServiceName => Attributes.TryGetValue("service.name", out var value) && value is string name ? name : "unknown-service";

    /// <summary><c>service.version</c>, when sent.</summary>
    public string? ServiceVersion => Attributes.TryGetValue("service.version", out var value) ? value as string : null;

    /// <summary><c>deployment.environment</c>, when sent.</summary>
    public string? Environment => Attributes.TryGetValue("deployment.environment", out var value) ? value as string : null;
}
