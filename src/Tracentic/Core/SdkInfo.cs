using System.Reflection;

namespace Tracentic.Core;

/// <summary>Name and version of this SDK, as sent in the User-Agent and the OTLP resource.</summary>
internal static class SdkInfo
{
    public const string Name = "tracentic-dotnet";

    /// <summary>The instrumentation scope of every span and metric (also the in-process ActivitySource and Meter name).</summary>
    public const string ScopeName = "Tracentic";

    public static readonly string Version =
        StripBuildMetadata(typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)
        ?? "0.0.0";

    public static readonly string UserAgent = $"{Name}/{Version}";

    public static string? StripBuildMetadata(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
