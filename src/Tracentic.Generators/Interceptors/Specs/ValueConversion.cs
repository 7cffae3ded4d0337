namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How the value at the end of a member path becomes what the span records.</summary>
internal enum ValueConversion
{
    /// <summary>Used as it is (a count, or a model that is already a string).</summary>
    None,

    /// <summary><c>.ToString()</c> on a value that cannot be null.</summary>
    ToText,

    /// <summary><c>?.ToString()</c> on a value that may be null.</summary>
    ToTextIfNotNull,
}
