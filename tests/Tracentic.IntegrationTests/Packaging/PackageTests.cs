using System.IO.Compression;
using System.Xml.Linq;
using Tracentic.IntegrationTests.Infrastructure;
using Tracentic.Local;
using Receiver = Tracentic.Local.LocalReceiver;

namespace Tracentic.IntegrationTests.Packaging;

/// <summary>
/// What a user gets from the package: a fresh <c>dotnet new console</c> project, <c>dotnet add package</c>, an
/// annotated method, and nothing else: it builds warning-free, its calls are intercepted, and its spans arrive.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(PackedTracentic packed)
{
    private const string ConsumerProgram = """
        using Tracentic;

        var tracentic = TracenticSdk.Configure(new TracenticOptions
        {
            ApiKey = Environment.GetEnvironmentVariable("TRACENTIC_API_KEY"),
            Endpoint = Environment.GetEnvironmentVariable("TRACENTIC_ENDPOINT") ?? TracenticOptions.DefaultEndpoint,
            ServiceName = "fresh-console",
            CustomPricing = new() { ["tiny-model"] = new ModelPricing(1.0, 2.0) },
        });

        var reply = await new Assistant().AskAsync("user-1", "hello");
        Console.WriteLine(reply.Text);

        // Runtime API, for comparison: the same engine, by hand.
        var scope = tracentic.Begin("by-hand");
        tracentic.RecordSpan(scope, new TracenticSpan { StartedAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.UtcNow, Provider = "local", Model = "tiny-model", InputTokens = 1, OutputTokens = 1 });
        await tracentic.ShutdownAsync();

        public sealed record Usage(int InputTokens, int OutputTokens);
        public sealed record Reply(string Text, string Model, Usage Usage);

        public sealed class Assistant
        {
            [TracenticScope("ask")]
            public async Task<Reply> AskAsync([TracenticAttribute("user_id")] string user, string question) => await CompleteAsync(question);

            [TracenticLlmCall(Provider = "local", OperationType = "chat")]
            public Task<Reply> CompleteAsync(string prompt) => Task.FromResult(new Reply(prompt.ToUpperInvariant(), "tiny-model", new Usage(3, 4)));
        }
        """;

    [Fact]
    public void The_packages_hold_the_libraries_the_roslyn_components_and_the_build_targets()
    {
        using (var package = ZipFile.OpenRead(packed.TracenticPackage))
        {
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Superset(
                new HashSet<string>
                {
                    "lib/net8.0/Tracentic.dll", "lib/net10.0/Tracentic.dll", "lib/net8.0/Tracentic.xml", "lib/net10.0/Tracentic.xml",
                    "analyzers/dotnet/cs/Tracentic.Generators.dll", "analyzers/dotnet/cs/Tracentic.CodeFixes.dll",
                    "build/Tracentic.targets", "buildTransitive/Tracentic.targets", "README.md",
                },
                entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/netstandard2.0", StringComparison.Ordinal));

            var nuspec = Nuspec(package);
            Assert.Equal(packed.Version, nuspec.Descendants().Single(e => e.Name.LocalName == "version").Value);
            Assert.Equal("README.md", nuspec.Descendants().Single(e => e.Name.LocalName == "readme").Value);
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(e => $"{e.Parent!.Attribute("targetFramework")!.Value}:{e.Attribute("id")!.Value}").Order();
            Assert.Equal(
                [
                    "net10.0:Microsoft.Extensions.Logging.Abstractions",
                    "net8.0:Microsoft.Extensions.Logging.Abstractions",
                    "net8.0:System.Diagnostics.DiagnosticSource", // net8.0's in-box version has no histogram bucket advice
                ],
                dependencies);
        }

        using (var package = ZipFile.OpenRead(packed.AspNetCorePackage))
        {
            var nuspec = Nuspec(package);
            var tracentic = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Tracentic").ToList();
            Assert.NotEmpty(tracentic);
            Assert.All(tracentic, d => Assert.Equal(packed.Version, (string?)d.Attribute("version")));
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "frameworkReference" && (string?)e.Attribute("name") == "Microsoft.AspNetCore.App");
        }
    }

    [Fact]
    public async Task A_fresh_console_project_with_the_package_is_intercepted_with_no_msbuild_edits()
    {
        packed.WriteNuGetConfig();
        var project = Path.Combine(packed.Root, "FreshConsole");
        (await ChildProcess.DotnetAsync(["new", "console", "-o", project, "-n", "FreshConsole", "--no-restore"], packed.Root)).EnsureSuccess();
        (await ChildProcess.DotnetAsync(["add", "package", "Tracentic", "--version", packed.Version], project, timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        (await ChildProcess.DotnetAsync(["add", "package", "Tracentic.AspNetCore", "--version", packed.Version], project, timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        File.WriteAllText(Path.Combine(project, "Program.cs"), ConsumerProgram);

        var projectFile = File.ReadAllText(Path.Combine(project, "FreshConsole.csproj"));
        Assert.DoesNotContain("Interceptors", projectFile, StringComparison.Ordinal);
        Assert.DoesNotContain("Analyzer", projectFile, StringComparison.Ordinal);

        (await ChildProcess.DotnetAsync(["build", "-c", "Release", "-warnaserror", "-nologo"], project, timeout: TimeSpan.FromMinutes(4))).EnsureSuccess();

        await using var receiver = await Receiver.StartAsync();
        var run = (await ChildProcess.DotnetAsync(
            ["run", "-c", "Release", "--no-build"],
            project,
            new Dictionary<string, string?> { ["TRACENTIC_API_KEY"] = receiver.ApiKey, ["TRACENTIC_ENDPOINT"] = receiver.Endpoint })).EnsureSuccess();

        Assert.Equal("HELLO", run.Output.Trim());
        Assert.Empty(receiver.Rejected);
        var intercepted = Assert.Single(receiver.Spans, s => s.ScopeName == "ask");
        Assert.Equal(("llm.local.chat", "tiny-model", 3L, 4L, "user-1"), (intercepted.Name, intercepted.Model, intercepted.InputTokens, intercepted.OutputTokens, intercepted["user_id"]));
        Assert.Equal(3 / 1e6 * 1.0 + 4 / 1e6 * 2.0, intercepted.CostUsd!.Value, 12);
        Assert.Equal("Assistant.AskAsync", intercepted["code.function"]); // the member that made the call
        Assert.Equal(packed.Version, intercepted.InstrumentationScopeVersion);
        Assert.Single(receiver.Spans, s => s.ScopeName == "by-hand");
        Assert.Equal(2, receiver.Spans.Count);
    }

    [Fact]
    public async Task A_fresh_project_with_the_OpenTelemetry_package_sees_scopes_and_llm_calls_as_activities()
    {
        packed.WriteNuGetConfig();
        var project = Path.Combine(packed.Root, "FreshOpenTelemetry");
        (await ChildProcess.DotnetAsync(["new", "console", "-o", project, "-n", "FreshOpenTelemetry", "--no-restore"], packed.Root)).EnsureSuccess();
        (await ChildProcess.DotnetAsync(["add", "package", "Tracentic.OpenTelemetry", "--version", packed.Version], project, timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        (await ChildProcess.DotnetAsync(["add", "package", "OpenTelemetry.Exporter.InMemory", "--version", "1.20.1"], project, timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using System.Diagnostics;
            using OpenTelemetry;
            using OpenTelemetry.Trace;
            using Tracentic;

            var exported = new List<Activity>();
            using (Sdk.CreateTracerProviderBuilder().AddTracenticInstrumentation().AddInMemoryExporter(exported).Build())
            {
                var tracentic = TracenticSdk.Create(new TracenticOptions { ServiceName = "fresh-otel" });
                using (var scope = tracentic.Begin("ask"))
                {
                    var now = DateTimeOffset.UtcNow;
                    tracentic.RecordSpan(scope, new TracenticSpan { StartedAt = now, EndedAt = now, Provider = "local", Model = "tiny-model", InputTokens = 3, OutputTokens = 4 });
                }
            }

            foreach (var activity in exported)
            {
                Console.WriteLine($"{activity.Kind} {activity.DisplayName} {activity.GetTagItem("gen_ai.usage.output_tokens")}");
            }
            """);

        (await ChildProcess.DotnetAsync(["build", "-c", "Release", "-warnaserror", "-nologo"], project, timeout: TimeSpan.FromMinutes(4))).EnsureSuccess();
        var run = (await ChildProcess.DotnetAsync(["run", "-c", "Release", "--no-build"], project)).EnsureSuccess();

        Assert.Equal(["Client chat tiny-model 4", "Internal ask"], run.Output.Trim().ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public async Task A_project_with_only_a_project_reference_compiles_and_its_annotated_calls_run_untraced()
    {
        // No generator comes with a ProjectReference: the attributes compile, the calls are plain calls, and the
        // runtime API still records.
        var project = Path.Combine(packed.Root, "ProjectReferenceOnly");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "ProjectReferenceOnly.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(packed.Sources, "src", "Tracentic", "Tracentic.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), ConsumerProgram);

        (await ChildProcess.DotnetAsync(["build", "-c", "Release", "-nologo"], project, timeout: TimeSpan.FromMinutes(4))).EnsureSuccess();

        await using var receiver = await Receiver.StartAsync();
        var run = (await ChildProcess.DotnetAsync(
            ["run", "-c", "Release", "--no-build"],
            project,
            new Dictionary<string, string?> { ["TRACENTIC_API_KEY"] = receiver.ApiKey, ["TRACENTIC_ENDPOINT"] = receiver.Endpoint })).EnsureSuccess();

        Assert.Equal("HELLO", run.Output.Trim());
        Assert.Equal("by-hand", Assert.Single(receiver.Spans).ScopeName);
    }

    [Fact]
    public async Task A_project_pinned_to_CSharp_10_with_warnings_as_errors_builds_with_one_TRC113_and_runs_untraced()
    {
        // Older codebases pin LangVersion; the generated interceptors need C# 11. Adding the package must not break
        // the build: nothing is generated, one warning says what to set, and (like every "not traced" warning) it
        // does not fail a build that treats warnings as errors.
        packed.WriteNuGetConfig();
        var project = Path.Combine(packed.Root, "PinnedLangVersion");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "PinnedLangVersion.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <LangVersion>10</LangVersion>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Tracentic" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Tracentic;

            var greeter = new Greeter();
            Console.WriteLine(greeter.Hello("ada"));
            Func<string, string> hello = greeter.Hello; // TRC101 as well: a method group is never traced
            Console.WriteLine(hello("grace"));

            public class Greeter
            {
                [TracenticScope]
                public string Hello(string name) => "hello " + name;
            }
            """);

        var build = (await ChildProcess.DotnetAsync(["build", "-c", "Release", "-nologo", "-p:EmitCompilerGeneratedFiles=true"], project, timeout: TimeSpan.FromMinutes(4))).EnsureSuccess();
        // Each warning is printed twice (where it happens, and in the build summary).
        var warnings = build.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.True(warnings.Count(l => l.Contains("warning TRC113", StringComparison.Ordinal)) == 1, build.Describe("expected one TRC113"));
        Assert.Contains(warnings, l => l.Contains("warning TRC101", StringComparison.Ordinal));
        Assert.True(warnings.All(l => l.Contains(" TRC1", StringComparison.Ordinal)), build.Describe("warned about something else"));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(project, "obj"), "*.cs", SearchOption.AllDirectories), f => f.Contains("Tracentic.Generators", StringComparison.Ordinal));

        var run = (await ChildProcess.DotnetAsync(["run", "-c", "Release", "--no-build"], project)).EnsureSuccess();
        Assert.Equal(["hello ada", "hello grace"], run.Output.Trim().ReplaceLineEndings("\n").Split('\n'));
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
