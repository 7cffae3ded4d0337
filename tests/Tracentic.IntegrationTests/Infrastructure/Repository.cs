using System.Reflection;

namespace Tracentic.IntegrationTests.Infrastructure;

/// <summary>Where the repository and the samples' build output are, as recorded when this project was built.</summary>
internal static class Repository
{
    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing; see Tracentic.IntegrationTests.csproj");

    /// <summary>The repository root, with a trailing separator.</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The configuration this test project (and so the samples it references) was built in.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>The built entry assembly of a sample, e.g. <c>Tracentic.Samples.Console</c>.</summary>
    public static string SampleAssembly(string name)
    {
        var path = PathOf($"samples/{name}/bin/{Configuration}/net10.0/{name}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} does not exist: the sample is built with this test project (ProjectReference); run dotnet build first.", path);
    }
}
