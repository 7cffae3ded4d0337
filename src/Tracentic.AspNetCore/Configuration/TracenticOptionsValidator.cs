using Microsoft.Extensions.Options;
using Tracentic.Engine;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Validates the options when the host starts (<c>ValidateOnStart</c>), reporting every invalid setting by name
/// with where it can be set. Whatever passes is then checked by the engine's own rules, so the two never disagree.
/// </summary>
internal sealed class TracenticOptionsValidator : IValidateOptions<TracenticAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TracenticAspNetCoreOptions options)
    {
        var failures = new List<string>(options.ConfigurationErrors);

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add(Empty(nameof(options.ServiceName), TracenticEnvironment.ServiceName));
        }

        if (string.IsNullOrWhiteSpace(options.Environment))
        {
            failures.Add(Empty(nameof(options.Environment), TracenticEnvironment.EnvironmentName));
        }

        if (!IsHttpUrl(options.Endpoint))
        {
            failures.Add(
                $"Tracentic setting Endpoint must be an absolute http:// or https:// URL such as \"{TracenticOptions.DefaultEndpoint}\"; " +
                $"got \"{options.Endpoint}\" (from Tracentic:Endpoint, {TracenticEnvironment.Endpoint} or options.Endpoint).");
        }

        RequirePositive(failures, nameof(options.ExportTimeout), options.ExportTimeout);
        RequirePositive(failures, nameof(options.BatchDelay), options.BatchDelay);
        RequirePositive(failures, nameof(options.QueueCapacity), options.QueueCapacity);
        RequirePositive(failures, nameof(options.MaxBatchSize), options.MaxBatchSize);

        if (failures.Count == 0)
        {
            try
            {
                _ = new TracenticSettings(options.Sdk);
            }
            catch (ArgumentException ex)
            {
                failures.Add("Tracentic setting " + (ex.ParamName ?? "(unknown)") + " is invalid: " + ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Empty(string setting, string variable) =>
        $"Tracentic setting {setting} must not be empty; set Tracentic:{setting} in configuration, the {variable} environment variable, or options.{setting}.";

    private static void RequirePositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Tracentic setting {setting} must be a positive time span such as \"00:00:30\"; got {value}.");
        }
    }

    private static void RequirePositive(List<string> failures, string setting, int value)
    {
        if (value < 1)
        {
            failures.Add($"Tracentic setting {setting} must be at least 1; got {value}.");
        }
    }

    private static bool IsHttpUrl(string? endpoint) =>
        !string.IsNullOrWhiteSpace(endpoint)
        && Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
