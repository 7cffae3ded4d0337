using Microsoft.Extensions.Options;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>Where environment variables are read from; replaced in tests so they need not touch the process environment.</summary>
internal sealed class TracenticEnvironment(Func<string, string?> getVariable)
{
    /// <summary>The environment variables and the setting each fills when configuration and code leave it unset.</summary>
    public static readonly IReadOnlyList<(string Variable, string Setting, Action<TracenticOptions, string> Apply)> Variables =
    [
        ("TRACENTIC_API_KEY", nameof(TracenticOptions.ApiKey), static (o, v) => o.ApiKey = v),
        ("TRACENTIC_ENDPOINT", nameof(TracenticOptions.Endpoint), static (o, v) => o.Endpoint = v),
        ("TRACENTIC_SERVICE_NAME", nameof(TracenticOptions.ServiceName), static (o, v) => o.ServiceName = v),
        ("TRACENTIC_ENVIRONMENT", nameof(TracenticOptions.Environment), static (o, v) => o.Environment = v),
    ];

    public static TracenticEnvironment Process { get; } = new(System.Environment.GetEnvironmentVariable);

    /// <summary>The variable that fills <paramref name="setting"/>, or null.</summary>
    public static string? VariableOf(string setting)
    {
        foreach (var (variable, name, _) in Variables)
        {
            if (name == setting)
            {
                return variable;
            }
        }

        return null;
    }

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
internal sealed class TracenticEnvironmentDefaults(TracenticEnvironment environment) : IConfigureOptions<TracenticOptions>
{
    public void Configure(TracenticOptions options)
    {
        foreach (var (variable, _, apply) in TracenticEnvironment.Variables)
        {
            if (environment.Get(variable) is { } value)
            {
                apply(options, value);
            }
        }
    }
}
