namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How a request parameter's value becomes the recorded one.</summary>
internal enum RequestValueKind
{
    /// <summary>An integer, recorded as it is (<c>long?</c>).</summary>
    Count,

    /// <summary>A <c>float</c>, <c>double</c> or <c>decimal</c>, through <c>ProviderValues.Number</c> (a float as written: 0.7, not 0.699999988).</summary>
    Number,

    /// <summary>A list of strings, copied through <c>ProviderValues.Strings</c>.</summary>
    Strings,

    /// <summary>A string, recorded as it is (the conversation id).</summary>
    Text,
}
