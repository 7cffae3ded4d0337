using Tracentic.IntegrationTests.Infrastructure;

namespace Tracentic.IntegrationTests.Packaging;

/// <summary>
/// A program that relies on trimming annotations (<c>[DynamicallyAccessedMembers]</c> on parameters, generic
/// parameters and return values, <c>[RequiresUnreferencedCode]</c> handled by its caller), published trimmed and
/// self-contained, and with NativeAOT, once as written and once with <c>[TracenticScope]</c> on every method, from the
/// packed package. The trimmer keeps what the annotations ask for only if the wrappers repeat them: the traced app
/// must print exactly what the untraced one prints, unconfigured and configured, with no warning from the publish.
/// </summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TrimmedAppTests(PackedTracentic packed)
{
    private const string Program = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using System.Linq;

        #if TRACED
        if (args.Length > 0 && args[0] == "configured")
        {
            Tracentic.TracenticSdk.Configure(new Tracentic.TracenticOptions { ServiceName = "trimmed-app" });
        }
        #endif

        Console.WriteLine("properties: " + Reflector.Properties(typeof(Data)));
        Console.WriteLine("generic: " + Reflector.PropertiesOf<Data>());
        Console.WriteLine("kept methods: " + Reflector.Methods(Reflector.Keep(typeof(Data))));
        Console.WriteLine("handled: " + Reflector.Handled());

        public sealed class Data
        {
            public int Alpha { get; set; }
            public int Beta { get; set; }
            public string Gamma() => "g";
        }

        public static class Reflector
        {
        #if TRACED
            [Tracentic.TracenticScope]
        #endif
            public static string Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
                string.Join(",", type.GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));

        #if TRACED
            [Tracentic.TracenticScope]
        #endif
            public static string PropertiesOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>() =>
                string.Join(",", typeof(T).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));

        #if TRACED
            [Tracentic.TracenticScope]
        #endif
            [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
            public static Type Keep([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type;

        #if TRACED
            [Tracentic.TracenticScope]
        #endif
            public static string Methods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) =>
                type.GetMethods().Any(m => m.Name == "Gamma") ? "Gamma" : "(Gamma trimmed away)";

        #if TRACED
            [Tracentic.TracenticScope]
        #endif
            [RequiresUnreferencedCode("reads a property by name")]
            public static string ByName(Type type, string name) => type.GetProperty(name)?.Name ?? "(trimmed away)";

            [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Data's properties are kept by Properties above")]
            public static string Handled() => ByName(typeof(Data), "Beta");
        }
        """;

    private static readonly string[] s_expected =
    [
        "properties: Alpha,Beta",
        "generic: Alpha,Beta",
        "kept methods: Gamma",
        "handled: Beta",
    ];

    [NativeAotFact]
    public async Task A_trimmed_and_a_NativeAOT_app_print_the_same_with_the_attribute_as_without_it()
    {
        packed.WriteNuGetConfig();
        var untraced = await PublishAndRunAsync("untraced", traced: false, aot: false);
        Assert.Equal(s_expected, untraced.Unconfigured);

        var trimmed = await PublishAndRunAsync("trimmed", traced: true, aot: false);
        Assert.Equal(untraced.Unconfigured, trimmed.Unconfigured);
        Assert.Equal(untraced.Unconfigured, trimmed.Configured);

        var native = await PublishAndRunAsync("native", traced: true, aot: true);
        Assert.Equal(untraced.Unconfigured, native.Unconfigured);
        Assert.Equal(untraced.Unconfigured, native.Configured);
    }

    /// <summary>Each way in a project folder of its own, so no build output is shared between them.</summary>
    private async Task<(string[] Unconfigured, string[] Configured)> PublishAndRunAsync(string name, bool traced, bool aot)
    {
        var project = Path.Combine(packed.Root, "TrimmedApp-" + name);
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(project, "TrimmedApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <WarningLevel>9999</WarningLevel>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsAotCompatible>true</IsAotCompatible>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Tracentic" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);

        var output = Path.Combine(project, "out");
        var publish = (await ChildProcess.DotnetAsync(
            ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", aot ? "-p:PublishAot=true" : "-p:PublishTrimmed=true",
             $"-p:DefineConstants={(traced ? "TRACED" : "UNTRACED")}", "-o", output, "-nologo"],
            project,
            timeout: TimeSpan.FromMinutes(12))).EnsureSuccess();
        Assert.True(!publish.Output.Contains("warning", StringComparison.OrdinalIgnoreCase), publish.Describe($"{name}: the publish warned"));
        if (traced && !aot)
        {
            // The trimmer keeps the runtime only when generated wrappers call it: the calls were intercepted.
            Assert.Contains("Tracentic.dll", string.Join(",", Directory.GetFiles(output).Select(Path.GetFileName)), StringComparison.Ordinal);
        }

        async Task<string[]> RunAsync(params string[] arguments)
        {
            var run = (await ChildProcess.RunAsync(Path.Combine(output, "TrimmedApp"), arguments, project, timeout: TimeSpan.FromMinutes(1))).EnsureSuccess();
            // Configured without an API key, the SDK says once that spans stay local; nothing else may be written.
            var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("[tracentic] no ApiKey configured", StringComparison.Ordinal));
            Assert.True(!errors.Any(), run.Describe($"{name} wrote to stderr"));
            return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return (await RunAsync(), await RunAsync("configured"));
    }
}
