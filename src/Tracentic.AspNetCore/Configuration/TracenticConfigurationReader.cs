using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Reads a configuration section (e.g. <c>"Tracentic"</c>) into <see cref="TracenticAspNetCoreOptions"/> key by
/// key, without the reflection-based binder (the package is trimming- and AOT-safe). Empty values count as
/// unset, so environment variables and defaults stay in place; values that cannot be parsed are recorded in
/// <see cref="TracenticAspNetCoreOptions.ConfigurationErrors"/> for validation to report with their key.
/// </summary>
internal static class TracenticConfigurationReader
{
    public static void Apply(IConfiguration configuration, TracenticAspNetCoreOptions options)
    {
        var reader = new Reader(configuration, options.ConfigurationErrors);

        reader.String(nameof(TracenticAspNetCoreOptions.ApiKey), v => options.ApiKey = v);
        reader.String(nameof(TracenticAspNetCoreOptions.ServiceName), v => options.ServiceName = v);
        reader.String(nameof(TracenticAspNetCoreOptions.ServiceVersion), v => options.ServiceVersion = v);
        reader.String(nameof(TracenticAspNetCoreOptions.Endpoint), v => options.Endpoint = v);
        reader.String(nameof(TracenticAspNetCoreOptions.Environment), v => options.Environment = v);
        reader.TimeSpan(nameof(TracenticAspNetCoreOptions.ExportTimeout), v => options.ExportTimeout = v);
        reader.TimeSpan(nameof(TracenticAspNetCoreOptions.BatchDelay), v => options.BatchDelay = v);
        reader.Int(nameof(TracenticAspNetCoreOptions.QueueCapacity), v => options.QueueCapacity = v);
        reader.Int(nameof(TracenticAspNetCoreOptions.MaxBatchSize), v => options.MaxBatchSize = v);
        reader.Bool(nameof(TracenticAspNetCoreOptions.Debug), v => options.Debug = v);
        reader.Bool(nameof(TracenticAspNetCoreOptions.LinkIncomingScope), v => options.LinkIncomingScope = v);
        reader.Bool(nameof(TracenticAspNetCoreOptions.ProcessWide), v => options.ProcessWide = v);

        var limits = reader.Section(nameof(TracenticAspNetCoreOptions.AttributeLimits));
        limits.Int(nameof(AttributeLimits.MaxAttributeCount), v => options.AttributeLimits.MaxAttributeCount = v);
        limits.Int(nameof(AttributeLimits.MaxStringValueLength), v => options.AttributeLimits.MaxStringValueLength = v);
        limits.Int(nameof(AttributeLimits.MaxKeyLength), v => options.AttributeLimits.MaxKeyLength = v);

        foreach (var (key, value) in reader.Section(nameof(TracenticAspNetCoreOptions.GlobalAttributes)).Values())
        {
            (options.GlobalAttributes ??= new(StringComparer.Ordinal))[key] = value;
        }

        foreach (var model in reader.Section(nameof(TracenticAspNetCoreOptions.CustomPricing)).Children())
        {
            double? input = null, output = null;
            model.Double(nameof(ModelPricing.InputPerMillion), v => input = v);
            model.Double(nameof(ModelPricing.OutputPerMillion), v => output = v);
            if (input is null || output is null)
            {
                reader.Error($"{model.Path} needs both {nameof(ModelPricing.InputPerMillion)} and {nameof(ModelPricing.OutputPerMillion)} (US dollars per million tokens).");
                continue;
            }

            if (!double.IsFinite(input.Value) || input < 0 || !double.IsFinite(output.Value) || output < 0)
            {
                reader.Error($"{model.Path}: prices must be finite, non-negative numbers of US dollars per million tokens.");
                continue;
            }

            (options.CustomPricing ??= new(StringComparer.Ordinal))[model.Name] = new ModelPricing(input.Value, output.Value);
        }
    }

    private readonly struct Reader(IConfiguration configuration, List<string> errors)
    {
        public string Path => configuration is IConfigurationSection section ? section.Path : "";

        public string Name => configuration is IConfigurationSection section ? section.Key : "";

        public void Error(string message) => errors.Add(message);

        public Reader Section(string key) => new(configuration.GetSection(key), errors);

        public IEnumerable<Reader> Children()
        {
            foreach (var child in configuration.GetChildren())
            {
                yield return new Reader(child, errors);
            }
        }

        public IEnumerable<KeyValuePair<string, string>> Values()
        {
            foreach (var child in configuration.GetChildren())
            {
                if (child.Value is { } value)
                {
                    yield return new(child.Key, value);
                }
            }
        }

        public void String(string key, Action<string> assign)
        {
            if (Text(key) is { } text)
            {
                assign(text);
            }
        }

        public void Bool(string key, Action<bool> assign) =>
            Parse(key, assign, "true or false", static (string text, out bool value) => bool.TryParse(text, out value));

        public void Int(string key, Action<int> assign) =>
            Parse(key, assign, "a whole number",
                static (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value));

        public void Double(string key, Action<double> assign) =>
            Parse(key, assign, "a number such as 2.5",
                static (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value));

        public void TimeSpan(string key, Action<TimeSpan> assign) =>
            Parse(key, assign, "a time span such as \"00:00:30\" (hh:mm:ss)",
                static (string text, out TimeSpan value) => System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value));

        private delegate bool TryParse<T>(string text, out T value);

        /// <summary>Assigns the parsed value when the key is set; records an error naming the key when it does not parse.</summary>
        private void Parse<T>(string key, Action<T> assign, string expected, TryParse<T> tryParse)
        {
            if (Text(key) is not { } text)
            {
                return;
            }

            if (tryParse(text, out var value))
            {
                assign(value);
            }
            else
            {
                Invalid(key, text, expected);
            }
        }

        private string? Text(string key)
        {
            var value = configuration[key];
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private void Invalid(string key, string text, string expected) =>
            errors.Add($"{Qualified(key)} must be {expected}; got \"{text}\".");

        private string Qualified(string key) => Path.Length == 0 ? key : Path + ":" + key;
    }
}
