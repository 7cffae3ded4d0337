using System.Xml.Linq;
using Tracentic.IntegrationTests.Infrastructure;

namespace Tracentic.IntegrationTests.Packaging;

/// <summary>
/// The proof that nothing in the wrappers or the engine reflects, so it runs by default (about a minute with
/// packages cached; the first run downloads the ILCompiler). TRACENTIC_SKIP_AOT=1 skips it in a quick local loop.
/// </summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public const string Variable = "TRACENTIC_SKIP_AOT";

    public NativeAotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) == "1")
        {
            Skip = $"NativeAOT publish skipped because {Variable}=1.";
        }
    }
}

/// <summary>
/// The console sample as a user's project (the packages, not the repository's projects) published with
/// <c>-p:PublishAot=true</c>: no trim or AOT warning, and the native program prints the same traced tree as
/// the JIT build does (ids and durations masked).
/// </summary>
[Trait("Category", "Slow")] // a NativeAOT publish: left out of the fast loop (README, "Running the tests")
[Collection(PackagesCollection.Name)]
public sealed class NativeAotTests(PackedTracentic packed)
{
    [NativeAotFact]
    public async Task The_console_sample_published_with_PublishAot_runs_and_prints_what_the_JIT_build_prints()
    {
        packed.WriteNuGetConfig();
        var project = Path.Combine(packed.Root, "AotSample");
        Directory.CreateDirectory(project);
        foreach (var source in Directory.EnumerateFiles(Repository.PathOf("samples/Tracentic.Samples.Console"), "*.cs"))
        {
            File.Copy(source, Path.Combine(project, Path.GetFileName(source)));
        }

        var aiVersion = XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == "Microsoft.Extensions.AI.Abstractions").Attribute("Version")!.Value;
        File.WriteAllText(Path.Combine(project, "AotSample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RootNamespace>RagSample</RootNamespace>
                <InvariantGlobalization>true</InvariantGlobalization>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Tracentic" Version="{packed.Version}" />
                <PackageReference Include="Tracentic.LocalReceiver" Version="{packed.Version}" />
                <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="{aiVersion}" />
              </ItemGroup>
            </Project>
            """);

        var output = Path.Combine(project, "native");
        var publish = (await ChildProcess.DotnetAsync(
            ["publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"],
            project,
            timeout: TimeSpan.FromMinutes(12))).EnsureSuccess();
        Assert.True(!publish.Output.Contains("warning", StringComparison.OrdinalIgnoreCase), publish.Describe("warned"));
        Assert.Contains("Generating native code", publish.Output, StringComparison.Ordinal);

        var native = await ChildProcess.RunAsync(Path.Combine(output, "AotSample"), [], project, timeout: TimeSpan.FromMinutes(1));
        native.EnsureSuccess();
        Assert.True(native.Error.Length == 0, native.Describe("wrote to stderr"));

        var jit = (await Samples.ConsoleSampleTests.RunAsync()).EnsureSuccess();
        Assert.Equal(SampleOutput.Mask(jit.Output), SampleOutput.Mask(native.Output));
        SampleOutput.AssertMatches("ConsoleSample.expected.txt", SampleOutput.Mask(native.Output));
    }
}
