using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Tracentic.AspNetCore.Configuration;
using Tracentic.Core;

namespace Tracentic.AspNetCore.Tests;

/// <summary>
/// A setting is defined once, on <see cref="TracenticOptions"/> (or, for what only a web host has, on
/// <see cref="TracenticAspNetCoreOptions"/>): configuration reads every property under its own name, and
/// <see cref="TracenticSettings.Check"/> has a rule for it unless it is listed as taking any value. These tests walk
/// the public properties, so a new setting that configuration cannot read, or that nothing checks and nothing lists,
/// fails here rather than silently.
/// </summary>
public sealed class SettingsDefinedOnceTests
{
    [Fact]
    public void Every_setting_of_TracenticOptions_is_read_from_configuration_unless_only_code_can_set_it()
    {
        var fresh = new TracenticOptions();
        var plan = new List<Expectation>();
        foreach (var property in Settable(typeof(TracenticOptions)))
        {
            if (TracenticConfiguration.CodeOnly.Contains(property.Name))
            {
                continue;
            }

            var before = plan.Count;
            Plan(property.PropertyType, property.Name, o => property.GetValue(o), property.GetValue(fresh), plan);
            Assert.True(plan.Count > before, $"TracenticOptions.{property.Name} has nothing configuration could set.");
        }

        var options = new TracenticOptions();
        var errors = new List<string>();
        TracenticConfiguration.Bind(Section(plan), options, errors);

        Assert.Empty(errors);
        Assert.All(plan, e => Assert.True(
            Equals(e.Expected, e.Read(options)),
            $"Tracentic:{e.Key} = \"{e.Value}\" was not read onto TracenticOptions (got {e.Read(options) ?? "null"}). " +
            "Give the setting a type the configuration binding generator can bind, or add it to TracenticConfiguration.CodeOnly."));
    }

    [Fact]
    public void Every_setting_of_TracenticAspNetCoreOptions_is_read_from_configuration_but_the_request_function()
    {
        var fresh = new TracenticAspNetCoreOptions();
        var plan = new List<Expectation>();
        foreach (var property in Settable(typeof(TracenticAspNetCoreOptions)))
        {
            if (property.Name != nameof(TracenticAspNetCoreOptions.RequestAttributes)) // a function of the request
            {
                Plan(property.PropertyType, property.Name, o => property.GetValue(o), property.GetValue(fresh), plan);
            }
        }

        var options = new TracenticAspNetCoreOptions();
        var errors = new List<string>();
        TracenticConfiguration.Bind(Section(plan), options, errors);

        Assert.Empty(errors);
        Assert.All(plan, e => Assert.True(Equals(e.Expected, e.Read(options)), $"Tracentic:{e.Key} = \"{e.Value}\" was not read onto TracenticAspNetCoreOptions."));
    }

    [Fact]
    public void Every_setting_of_TracenticOptions_is_checked_or_listed_as_taking_any_value()
    {
        foreach (var property in Settable(typeof(TracenticOptions)))
        {
            var checkedValue = Candidates(property.PropertyType).FirstOrDefault(value =>
            {
                var options = new TracenticOptions();
                property.SetValue(options, value);
                return TracenticSettings.Check(options).Any(p => Names(p.Setting, property.Name));
            }, NoProblem);

            if (TracenticSettings.AnyValueIsValid.Contains(property.Name))
            {
                Assert.True(
                    ReferenceEquals(checkedValue, NoProblem),
                    $"TracenticOptions.{property.Name} is listed in TracenticSettings.AnyValueIsValid, but Check reports {checkedValue ?? "null"}: take it off the list.");
            }
            else
            {
                Assert.False(
                    ReferenceEquals(checkedValue, NoProblem),
                    $"TracenticOptions.{property.Name} has no rule in TracenticSettings.Check for any of the values tried: add one, or list it in TracenticSettings.AnyValueIsValid.");
            }
        }
    }

    [Fact]
    public void The_lists_of_exceptions_name_settings_that_exist()
    {
        var names = Settable(typeof(TracenticOptions)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(names, TracenticSettings.AnyValueIsValid.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(names, TracenticConfiguration.CodeOnly.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(names, TracenticEnvironment.Variables.Select(v => v.Setting).ToHashSet(StringComparer.Ordinal));
    }

    private static readonly object NoProblem = new();

    private sealed record Expectation(string Key, string Value, Func<object, object?> Read, object Expected);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static bool Names(string setting, string property) =>
        setting == property || setting.StartsWith(property + ".", StringComparison.Ordinal) || setting.StartsWith(property + "[", StringComparison.Ordinal);

    private static IConfigurationSection Section(List<Expectation> plan) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(plan.Select(e => new KeyValuePair<string, string?>("Tracentic:" + e.Key, e.Value)))
            .Build()
            .GetSection("Tracentic");

    /// <summary>
    /// A configuration value for <paramref name="key"/> of <paramref name="type"/>, unlike <paramref name="current"/>,
    /// and how to read it back; objects and dictionaries are walked down to their values.
    /// </summary>
    private static void Plan(Type type, string key, Func<object, object?> read, object? current, List<Expectation> plan)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (scalar == typeof(string) || scalar == typeof(object))
        {
            plan.Add(new(key, $"http://bound.example/{key.Replace(':', '/')}", read, $"http://bound.example/{key.Replace(':', '/')}"));
        }
        else if (scalar == typeof(int))
        {
            var value = 7 + plan.Count;
            plan.Add(new(key, value.ToString(CultureInfo.InvariantCulture), read, value));
        }
        else if (scalar == typeof(double))
        {
            var value = 1.25 + plan.Count;
            plan.Add(new(key, value.ToString(CultureInfo.InvariantCulture), read, value));
        }
        else if (scalar == typeof(bool))
        {
            var value = current is not true;
            plan.Add(new(key, value ? "true" : "false", read, value));
        }
        else if (scalar == typeof(TimeSpan))
        {
            var value = TimeSpan.FromSeconds(7 + plan.Count);
            plan.Add(new(key, value.ToString("c", CultureInfo.InvariantCulture), read, value));
        }
        else if (scalar.IsGenericType && scalar.GetGenericTypeDefinition() == typeof(Dictionary<,>) && scalar.GetGenericArguments()[0] == typeof(string))
        {
            Plan(scalar.GetGenericArguments()[1], key + ":entry", o => read(o) is IDictionary d ? d["entry"] : null, null, plan);
        }
        else if (scalar.IsClass && !typeof(Delegate).IsAssignableFrom(scalar) && !scalar.IsAbstract)
        {
            // The properties it can set, and those its constructor takes (ModelPricing's prices).
            var parameters = scalar.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var property in scalar.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } || parameters.Contains(property.Name))
                {
                    Plan(property.PropertyType, key + ":" + property.Name, o => read(o) is { } owner ? property.GetValue(owner) : null, current is null ? null : property.GetValue(current), plan);
                }
            }
        }
        else
        {
            Assert.Fail($"Tracentic:{key} is a {type}, which has no configuration form: give it one, or add the setting to TracenticConfiguration.CodeOnly.");
        }
    }

    /// <summary>Values of <paramref name="type"/> that a rule would refuse, if the setting had one.</summary>
    private static IEnumerable<object?> Candidates(Type type)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        yield return null;
        if (scalar == typeof(string))
        {
            foreach (var text in new[] { "", "   ", "not a url", "ftp://host", "line\nbreak", "\u00e9" })
            {
                yield return text;
            }
        }
        else if (scalar == typeof(int))
        {
            yield return 0;
            yield return -1;
        }
        else if (scalar == typeof(TimeSpan))
        {
            yield return TimeSpan.Zero;
            yield return TimeSpan.FromSeconds(-1);
        }
        else if (scalar == typeof(bool))
        {
            yield return true;
            yield return false;
        }
        else if (scalar.IsClass && !scalar.IsAbstract && scalar.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            yield return constructor.Invoke(null);
        }
    }
}
