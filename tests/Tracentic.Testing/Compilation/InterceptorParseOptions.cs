using Microsoft.CodeAnalysis.CSharp;

namespace Tracentic.Testing;

/// <summary>Parse options of a user's project: the latest C# (or the one asked for), and the interceptors opted in as the package's build props do.</summary>
internal static class InterceptorParseOptions
{
    public const string GeneratedNamespace = "Tracentic.Generated";

    public static CSharpParseOptions Create(bool interceptorsEnabled = true, LanguageVersion languageVersion = LanguageVersion.Latest) =>
        new CSharpParseOptions(languageVersion)
            .WithFeatures(interceptorsEnabled ? [new("InterceptorsNamespaces", GeneratedNamespace)] : []);
}
