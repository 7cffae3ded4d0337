using Microsoft.Extensions.Options;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>Where environment variables are read from; replaced in tests so they need not touch the process environment.</summary>
internal sealed class TracenticEnvironment(Func<string, string?> getVariable)
{
    public const string ApiKey = "TRACENTIC_API_KEY";
    public const string Endpoint = "TRACENTIC_ENDPOINT";
    public const string ServiceName = "TRACENTIC_SERVICE_NAME";
    public const string EnvironmentName = "TRACENTIC_ENVIRONMENT";

    public static TracenticEnvironment Process { get; } = new(System.Environment.GetEnvironmentVariable);

    public string? Get(string name)
    {
        var value = getVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

/// <summary>
/// Applies the <c>TRACENTIC_*</c> environment variables first, so configuration and code set after it win and
/// the variables fill only what those leave unset.
/// </summary>
internal sealed class TracenticEnvironmentDefaults(TracenticEnvironment environment) : IConfigureOptions<TracenticAspNetCoreOptions>
{
    public void Configure(TracenticAspNetCoreOptions options)
    {
        if (environment.Get(TracenticEnvironment.ApiKey) is { } apiKey)
        {
            options.ApiKey = apiKey;
        }

        if (environment.Get(TracenticEnvironment.Endpoint) is { } endpoint)
        {
            options.Endpoint = endpoint;
        }

        if (environment.Get(TracenticEnvironment.ServiceName) is { } serviceName)
        {
            options.ServiceName = serviceName;
        }

        if (environment.Get(TracenticEnvironment.EnvironmentName) is { } environmentName)
        {
            options.Environment = environmentName;
        }
    }
}
