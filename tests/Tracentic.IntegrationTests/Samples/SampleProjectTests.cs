using Tracentic.IntegrationTests.Infrastructure;

namespace Tracentic.IntegrationTests.Samples;

/// <summary>The samples' project files read like a user's: the Tracentic build wiring lives in samples/Directory.Build.targets only.</summary>
public class SampleProjectTests
{
    [Theory]
    [InlineData("Tracentic.Samples.Console")]
    [InlineData("Tracentic.Samples.WebApi")]
    public void A_sample_project_file_has_nothing_Tracentic_specific_but_the_reference(string sample)
    {
        var project = File.ReadAllText(Repository.PathOf($"samples/{sample}/{sample}.csproj"));

        Assert.DoesNotContain("Interceptors", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Analyzer", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Tracentic.targets", project, StringComparison.Ordinal);
        Assert.DoesNotContain("Tracentic.Generators", project, StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_get_the_generator_as_an_analyzer_and_the_package_targets_once()
    {
        var targets = File.ReadAllText(Repository.PathOf("samples/Directory.Build.targets"));

        Assert.Contains("src/Tracentic.Generators/Tracentic.Generators.csproj\"\n                      OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\"", targets.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<Import Project=\"$(MSBuildThisFileDirectory)../src/Tracentic/build/Tracentic.targets\" />", targets, StringComparison.Ordinal);
    }
}
