using Tracentic.IntegrationTests.Infrastructure;

namespace Tracentic.IntegrationTests.Packaging;

/// <summary>
/// The public API baselines are enforced by the build, not only in the IDE: a public member missing from
/// <c>PublicAPI.Unshipped.txt</c> fails <c>dotnet build</c> of a packed project with RS0016 (docs/contributing.md). The
/// member comes from outside the repository (a source file added through <c>CustomAfterMicrosoftCommonTargets</c>) and
/// the build writes to a temporary folder (<c>--artifacts-path</c>), so the working tree and its bin and obj stay as they are.
/// </summary>
[Trait("Category", "Slow")] // a dotnet build as a child process: left out of the fast loop (README, "Running the tests")
public sealed class PublicApiBaselineTests
{
    [Fact]
    public async Task A_public_member_missing_from_the_baseline_fails_the_build_with_RS0016()
    {
        var folder = Directory.CreateTempSubdirectory("tracentic-api-baseline-");
        try
        {
            var probe = Path.Combine(folder.FullName, "BaselineProbe.cs");
            await File.WriteAllTextAsync(probe, """
                namespace Tracentic;

                /// <summary>Not in PublicAPI.Unshipped.txt.</summary>
                public static class BaselineProbe
                {
                    /// <summary>Not in PublicAPI.Unshipped.txt either.</summary>
                    public static int Added() => 1;
                }
                """);
            var targets = Path.Combine(folder.FullName, "AddProbe.targets");
            await File.WriteAllTextAsync(targets, $"""
                <Project>
                  <ItemGroup>
                    <Compile Include="{probe}" />
                  </ItemGroup>
                </Project>
                """);

            var build = await ChildProcess.DotnetAsync(
                [
                    "build", Repository.PathOf("src/Tracentic/Tracentic.csproj"), "-f", "net10.0",
                    "--artifacts-path", Path.Combine(folder.FullName, "artifacts"), // bin and obj of each project built
                    $"-p:CustomAfterMicrosoftCommonTargets={targets}",
                ],
                workingDirectory: Repository.Root,
                timeout: TimeSpan.FromMinutes(4));

            Assert.True(build.ExitCode != 0, build.Describe("succeeded with a public member outside the baseline"));
            var errors = build.Output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Contains(errors, line => line.Contains("RS0016", StringComparison.Ordinal) && line.Contains("Tracentic.BaselineProbe.Added()", StringComparison.Ordinal));
            Assert.All(errors, line => Assert.Contains("RS0016", line, StringComparison.Ordinal)); // failed for the baseline, nothing else
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
