using Microsoft.Extensions.Options;
using Tracentic.Engine;
using Tracentic.Core;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Validates the options when the host starts (<c>ValidateOnStart</c>) with the engine's own rules
/// (<see cref="TracenticSettings.Check"/>), reporting every invalid setting at once, each with where it can be set,
/// after any configuration value that could not be read.
/// </summary>
internal sealed class TracenticOptionsValidator : IValidateOptions<TracenticAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TracenticAspNetCoreOptions options)
    {
        var failures = new List<string>(options.ConfigurationErrors);
        foreach (var problem in TracenticSettings.Check(options.Sdk))
        {
            failures.Add($"Tracentic setting {problem.Setting} {problem.Problem}{(problem.Fix is null ? "" : "; " + problem.Fix)}. {WhereToSet(problem.Setting)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string WhereToSet(string setting) => setting.StartsWith(nameof(TracenticOptions.Otlp), StringComparison.Ordinal)
        ? $"It can be set as options.{setting}, or from the OTEL_EXPORTER_OTLP_* environment variables with OtlpOutputOptions.FromEnvironment()."
        : Variable(setting) is { } variable
        ? $"It can be set as Tracentic:{setting} in configuration, the {variable} environment variable, or options.{setting}."
        : $"It can be set as Tracentic:{setting} in configuration or options.{setting}.";

    private static string? Variable(string setting) => setting switch
    {
        nameof(TracenticOptions.ApiKey) => TracenticEnvironment.ApiKey,
        nameof(TracenticOptions.Endpoint) => TracenticEnvironment.Endpoint,
        nameof(TracenticOptions.ServiceName) => TracenticEnvironment.ServiceName,
        nameof(TracenticOptions.Environment) => TracenticEnvironment.EnvironmentName,
        _ => null,
    };
}
