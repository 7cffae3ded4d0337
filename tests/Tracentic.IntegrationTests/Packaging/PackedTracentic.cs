using System.Security.Cryptography;
using Tracentic.IntegrationTests.Infrastructure;

namespace Tracentic.IntegrationTests.Packaging;

/// <summary>The packages, packed once for every test of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedTracentic>
{
    public const string Name = "Packages";
}

/// <summary>
/// Packs Tracentic, Tracentic.AspNetCore and Tracentic.LocalReceiver, once for the tests that share it, from a copy of the repository's
/// sources in a temporary folder (so the working tree's bin/obj are never touched), with a version of their
/// own: NuGet caches packages by id and version, so a fixed version would silently reuse a stale package.
/// </summary>
public sealed class PackedTracentic : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "tracentic-it-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    public string Version { get; } = "0.1.0-it." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>The copy of the repository the packages were built from.</summary>
    public string Sources => Path.Combine(Root, "repo");

    /// <summary>The folder holding the .nupkg files: the package source of the consumer projects.</summary>
    public string Feed => Path.Combine(Root, "feed");

    public string TracenticPackage => Path.Combine(Feed, $"Tracentic.{Version}.nupkg");

    public string AspNetCorePackage => Path.Combine(Feed, $"Tracentic.AspNetCore.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        CopySources();
        foreach (var project in new[] { "src/Tracentic/Tracentic.csproj", "src/Tracentic.AspNetCore/Tracentic.AspNetCore.csproj", "src/Tracentic.LocalReceiver/Tracentic.LocalReceiver.csproj", "src/Tracentic.OpenTelemetry/Tracentic.OpenTelemetry.csproj" })
        {
            (await ChildProcess.DotnetAsync(
                ["pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nologo"],
                Sources,
                timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
        }
    }

    public Task DisposeAsync()
    {
        // The consumer projects restored these versions into the machine's package folder: remove them again.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "tracentic", "tracentic.aspnetcore", "tracentic.localreceiver", "tracentic.opentelemetry" })
        {
            TryDelete(Path.Combine(packages, id, Version.ToLowerInvariant()));
            if (Directory.Exists(Path.Combine(packages, id)) && !Directory.EnumerateFileSystemEntries(Path.Combine(packages, id)).Any())
            {
                TryDelete(Path.Combine(packages, id));
            }
        }

        TryDelete(Root);
        return Task.CompletedTask;
    }

    /// <summary>A nuget.config for projects under <see cref="Root"/>: the feed first, then the machine's usual sources.</summary>
    public void WriteNuGetConfig() => File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="tracentic-it" value="{Feed}" />
          </packageSources>
        </configuration>
        """);

    private void CopySources()
    {
        var repository = Repository.PathOf(".");
        // What `dotnet pack` at the root reads: the shared props, the package conventions (license, symbols, API
        // baselines, package validation), the SDK pin and the analyzer severities.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "README.md", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(Sources);
            File.Copy(Path.Combine(repository, file), Path.Combine(Sources, file));
        }

        CopyTree(Path.Combine(repository, "src"), Path.Combine(Sources, "src"));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(directory, Path.Combine(to, name));
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
