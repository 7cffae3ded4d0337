using Microsoft.Extensions.Options;
using Tracentic.Core;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Validates the options when the host starts (<c>ValidateOnStart</c>): the configuration values that could not be
/// read, then the engine's own rules (<see cref="TracenticSettings.Check"/>), every problem at once, each with where it
/// can be set.
/// </summary>
internal sealed class TracenticOptionsValidator(ConfigurationErrors configurationErrors)
    : IValidateOptions<TracenticOptions>, IValidateOptions<TracenticAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TracenticOptions options)
    {
        var failures = new List<string>(configurationErrors.Of(options));
        foreach (var problem in TracenticSettings.Check(options))
        {
            failures.Add($"Tracentic setting {problem.Setting} {problem.Problem}{(problem.Fix is null ? "" : "; " + problem.Fix)}. {WhereToSet(problem.Setting)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, TracenticAspNetCoreOptions options) =>
        configurationErrors.Of(options) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;

    /// <summary>
    /// Where a setting such as <c>ServiceName</c> or <c>Otlp.Headers["api-key"]</c> can be made: its configuration key
    /// (unless only code can set it), its environment variable, the property.
    /// </summary>
    internal static string WhereToSet(string setting)
    {
        var topLevel = setting.Split('.', '[')[0];
        var places = new List<string>();
        if (!TracenticConfiguration.CodeOnly.Contains(topLevel))
        {
            var key = setting.Replace(".", ":", StringComparison.Ordinal).Replace("[\"", ":", StringComparison.Ordinal).Replace("\"]", "", StringComparison.Ordinal);
            places.Add($"Tracentic:{key} in configuration");
        }

        if (TracenticEnvironment.VariableOf(topLevel) is { } variable)
        {
            places.Add($"the {variable} environment variable");
        }

        places.Add($"options.{setting}");
        if (topLevel == nameof(TracenticOptions.Otlp))
        {
            places.Add("from the OTEL_EXPORTER_OTLP_* environment variables with OtlpOutputOptions.FromEnvironment()");
        }

        return places.Count == 1
            ? $"It can be set as {places[0]}."
            : places.Count == 2
            ? $"It can be set as {places[0]} or {places[1]}."
            : $"It can be set as {string.Join(", ", places.Take(places.Count - 1))}, or {places[^1]}.";
    }
}
