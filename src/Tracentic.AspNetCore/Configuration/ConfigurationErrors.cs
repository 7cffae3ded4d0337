using System.Runtime.CompilerServices;

namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// The configuration values that could not be read, per options instance, kept beside the options rather than on them
/// (<see cref="TracenticOptions"/> is the engine's public type): the binding adds them, validation reports them.
/// </summary>
internal sealed class ConfigurationErrors
{
    private readonly ConditionalWeakTable<object, List<string>> _errors = new();

    public List<string> Of(object options) => _errors.GetValue(options, static _ => []);
}
