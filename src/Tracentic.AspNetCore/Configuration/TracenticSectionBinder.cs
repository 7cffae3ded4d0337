using Microsoft.Extensions.Configuration;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Reads a configuration section (e.g. <c>"Tracentic"</c>) into <see cref="TracenticAspNetCoreOptions"/>: the binding
/// source generator binds it to a <see cref="TracenticSection"/>, then every key that is set is copied over. Empty
/// values count as unset, so environment variables and defaults stay in place. A value that cannot be read is
/// recorded in <see cref="TracenticAspNetCoreOptions.ConfigurationErrors"/> for validation to report with its key.
/// </summary>
internal static class TracenticSectionBinder
{
    public static void Apply(IConfiguration configuration, TracenticAspNetCoreOptions options)
    {
        TracenticSection? section;
        try
        {
            section = configuration.Get<TracenticSection>();
        }
        catch (InvalidOperationException ex)
        {
            options.ConfigurationErrors.Add(Describe(configuration, ex));
            return;
        }

        if (section is null)
        {
            return;
        }

        Set(section.ApiKey, v => options.ApiKey = v);
        Set(section.ServiceName, v => options.ServiceName = v);
        Set(section.ServiceVersion, v => options.ServiceVersion = v);
        Set(section.Endpoint, v => options.Endpoint = v);
        Set(section.Environment, v => options.Environment = v);
        Set(section.ExportTimeout, v => options.ExportTimeout = v);
        Set(section.BatchDelay, v => options.BatchDelay = v);
        Set(section.QueueCapacity, v => options.QueueCapacity = v);
        Set(section.MaxBatchSize, v => options.MaxBatchSize = v);
        Set(section.Debug, v => options.Debug = v);
        Set(section.LinkIncomingScope, v => options.LinkIncomingScope = v);
        Set(section.ProcessWide, v => options.ProcessWide = v);
        Set(section.CaptureMessageContent, v => options.Sdk.CaptureMessageContent = v);
        Set(section.MaxMessageContentLength, v => options.Sdk.MaxMessageContentLength = v);

        if (section.AttributeLimits is { } limits)
        {
            Set(limits.MaxAttributeCount, v => options.AttributeLimits.MaxAttributeCount = v);
            Set(limits.MaxStringValueLength, v => options.AttributeLimits.MaxStringValueLength = v);
            Set(limits.MaxKeyLength, v => options.AttributeLimits.MaxKeyLength = v);
        }

        foreach (var (key, value) in section.GlobalAttributes ?? [])
        {
            if (value is not null)
            {
                (options.GlobalAttributes ??= new(StringComparer.Ordinal))[key] = value;
            }
        }

        foreach (var (model, pricing) in section.CustomPricing ?? [])
        {
            var path = Path(configuration, $"{nameof(TracenticSection.CustomPricing)}:{model}");
            if (pricing.InputPerMillion is not { } input || pricing.OutputPerMillion is not { } output)
            {
                options.ConfigurationErrors.Add(
                    $"{path} needs both {nameof(ModelPricing.InputPerMillion)} and {nameof(ModelPricing.OutputPerMillion)} (US dollars per million tokens).");
                continue;
            }

            try
            {
                (options.CustomPricing ??= new(StringComparer.Ordinal))[model] = new ModelPricing(input, output)
                {
                    CacheReadPerMillion = pricing.CacheReadPerMillion,
                    CacheWritePerMillion = pricing.CacheWritePerMillion,
                    ReasoningPerMillion = pricing.ReasoningPerMillion,
                };
            }
            catch (ArgumentException ex)
            {
                // The engine's own rule for prices, reported with the key.
                options.ConfigurationErrors.Add($"{path}: {ex.Message}");
            }
        }
    }

    private static void Set(string? text, Action<string> assign)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            assign(text.Trim());
        }
    }

    private static void Set<T>(T? value, Action<T> assign)
        where T : struct
    {
        if (value is { } set)
        {
            assign(set);
        }
    }

    private static string Path(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section && section.Path.Length > 0 ? $"{section.Path}:{key}" : key;

    /// <summary>
    /// The generated binder stops at the first value it cannot convert, with "Failed to convert configuration value
    /// at '{path}' to type '{type}'". That names the key; the message here also says what the key expects.
    /// </summary>
    private static string Describe(IConfiguration configuration, InvalidOperationException ex)
    {
        foreach (var (path, value) in configuration.AsEnumerable())
        {
            if (value is not null && ex.Message.Contains($"'{path}'", StringComparison.Ordinal))
            {
                return $"{path} must be {Expected(ex.Message)}; got \"{value}\".";
            }
        }

        return $"The Tracentic configuration section could not be read: {ex.Message}";
    }

    private static string Expected(string message) =>
        message.Contains($"'{typeof(TimeSpan)}'", StringComparison.Ordinal) ? "a time span such as \"00:00:30\" (hh:mm:ss)"
        : message.Contains($"'{typeof(int)}'", StringComparison.Ordinal) ? "a whole number"
        : message.Contains($"'{typeof(bool)}'", StringComparison.Ordinal) ? "true or false"
        : message.Contains($"'{typeof(double)}'", StringComparison.Ordinal) ? "a number such as 2.5"
        : "a valid value";
}
