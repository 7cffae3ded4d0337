using Microsoft.Extensions.Configuration;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// Reads a configuration section (e.g. <c>"Tracentic"</c>) onto <see cref="TracenticOptions"/> and
/// <see cref="TracenticAspNetCoreOptions"/> themselves, with the code of the configuration binding source generator (no
/// reflection, so trimming- and AOT-safe): a new property of either type is read under its own name with nothing to add
/// here. Two rules come first. Empty values count as unset (and values are trimmed), so environment variables and
/// defaults stay in place; <c>GlobalAttributes</c> values are data and are taken as written. A value that cannot be
/// read is added to <c>errors</c> for validation to report with its key.
/// </summary>
internal static class TracenticConfiguration
{
    /// <summary>
    /// Settings of <see cref="TracenticOptions"/> that only code can make: a service, a clock or a function has no
    /// configuration form. Their keys are left out (the generated binder would throw on a key for an interface or an
    /// abstract class); delegates it passes over by itself, but they are listed so the list says it all.
    /// </summary>
    public static readonly IReadOnlySet<string> CodeOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        nameof(TracenticOptions.LoggerFactory),
        nameof(TracenticOptions.TimeProvider),
        nameof(TracenticOptions.HttpMessageHandlerFactory),
        nameof(TracenticOptions.RedactMessageContent),
    };

    public static void Bind(IConfiguration configuration, TracenticOptions options, List<string> errors)
    {
        // CustomPricing is read model by model below: the generated binder stops at the first price it cannot make
        // and a refused constructor argument names no key, while each bad price should be reported with its key.
        var view = View(configuration, exclude: nameof(TracenticOptions.CustomPricing));
        try
        {
            view.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(Describe(view, ex));
        }

        foreach (var model in View(configuration).GetSection(nameof(TracenticOptions.CustomPricing)).GetChildren())
        {
            if (!ArePrices(model, errors))
            {
                continue;
            }

            if (model[nameof(ModelPricing.InputPerMillion)] is null || model[nameof(ModelPricing.OutputPerMillion)] is null)
            {
                errors.Add($"{model.Path} needs both {nameof(ModelPricing.InputPerMillion)} and {nameof(ModelPricing.OutputPerMillion)} (US dollars per million tokens).");
                continue;
            }

            try
            {
                (options.CustomPricing ??= new(StringComparer.Ordinal))[model.Key] = model.Get<ModelPricing>()!;
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(Describe(model, ex));
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{model.Path}: {ex.Message}"); // the engine's own rule for prices, reported with the key
            }
        }
    }

    /// <summary>Whether every value of a model's entry reads as a price (all of them are numbers), each one that does not reported.</summary>
    private static bool ArePrices(IConfigurationSection model, List<string> errors)
    {
        var readable = true;
        foreach (var price in model.GetChildren())
        {
            try
            {
                _ = price.Get<double?>();
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(Describe(price, ex));
                readable = false;
            }
        }

        return readable;
    }

    public static void Bind(IConfiguration configuration, TracenticAspNetCoreOptions options, List<string> errors)
    {
        var view = View(configuration);
        try
        {
            view.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(Describe(view, ex));
        }
    }

    /// <summary>
    /// A copy of the section under the same paths (so messages name the user's keys) without empty values, with values
    /// trimmed, and without the keys of <see cref="CodeOnly"/> settings and of <paramref name="exclude"/>.
    /// </summary>
    private static IConfiguration View(IConfiguration configuration, string? exclude = null)
    {
        var root = configuration is IConfigurationSection section ? section.Path : "";
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (path, value) in configuration.AsEnumerable())
        {
            if (value is null || path.Length <= root.Length)
            {
                continue;
            }

            var relative = root.Length == 0 ? path : path[(root.Length + 1)..];
            var setting = relative.Split(ConfigurationPath.KeyDelimiter)[0];
            if (CodeOnly.Contains(setting) || string.Equals(setting, exclude, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(setting, nameof(TracenticOptions.GlobalAttributes), StringComparison.OrdinalIgnoreCase))
            {
                values.Add(new(path, value));
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                values.Add(new(path, value.Trim()));
            }
        }

        var copy = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return root.Length == 0 ? copy : copy.GetSection(root);
    }

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
