namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// Project facts the generator needs: whether interceptors are enabled, where the project lives, and the C#
/// version the project compiles as (generated code needs C# 11; below 12 it spells collections without
/// collection expressions).
/// </summary>
internal sealed record ProjectSpec(bool InterceptorsEnabled, string? ProjectDirectory, int LanguageVersion)
{
    /// <summary>The lowest C# version whose compiler accepts the generated code (<c>file</c> types, <c>scoped</c>).</summary>
    public const int MinimumLanguageVersion = 11;

    public bool HasCollectionExpressions => LanguageVersion >= 12;
}
