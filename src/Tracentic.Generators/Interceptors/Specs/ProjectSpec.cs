using System.Globalization;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// Project facts the generator needs: whether interceptors are enabled, where the project lives, and the C#
/// version the project compiles as (generated code needs C# 11; below 12 it spells collections without
/// collection expressions).
/// </summary>
/// <param name="LanguageVersion">Roslyn's number for it: the version itself up to 7, then times 100 (703, 1000, 1100, ...).</param>
internal sealed record ProjectSpec(bool InterceptorsEnabled, string? ProjectDirectory, int LanguageVersion)
{
    /// <summary>Generated code uses <c>file</c> types and <c>scoped</c> parameters: C# 11.</summary>
    public bool LanguageVersionTooLow => LanguageVersion < 1100;

    public bool HasCollectionExpressions => LanguageVersion >= 1200;

    /// <summary>As a user writes it in <c>LangVersion</c>: <c>7.3</c>, <c>10</c>.</summary>
    public string LanguageVersionText => LanguageVersion < 100 ? LanguageVersion.ToString(CultureInfo.InvariantCulture)
        : LanguageVersion % 100 == 0 ? (LanguageVersion / 100).ToString(CultureInfo.InvariantCulture)
        : (LanguageVersion / 100).ToString(CultureInfo.InvariantCulture) + "." + (LanguageVersion % 100).ToString(CultureInfo.InvariantCulture);
}
