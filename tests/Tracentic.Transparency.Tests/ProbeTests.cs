using Microsoft.CodeAnalysis;
using Tracentic.Transparency.Tests.Infrastructure;

namespace Tracentic.Transparency.Tests;

/// <summary>
/// Compile-only probes (Probes/*.cs, one shape per file): a program that compiles without the generator must compile
/// with it, with no diagnostic beyond those it had without it. A TRC diagnostic is the only allowed addition, and it
/// must mean the call was left as written: every use of an annotated member is intercepted or reported, never both.
/// A first line <c>// probe: warnaserror</c> compiles the probe with TreatWarningsAsErrors. Every probe compiles at
/// the strict settings of <see cref="Compiler"/> (all warning waves, trimming and AOT analyzers).
/// </summary>
[Trait("Category", "Slow")] // every probe compiled twice at the strictest settings with every analyzer and the trimming analyzers (about 15 s of CPU): left out of the fast loop (README, "Running the tests")
public sealed class ProbeTests
{
    // Informational diagnostics about the recorded data, not about whether the call is wrapped.
    private static readonly HashSet<string> s_aboutDataOnly = ["TRC106"];

    public static TheoryData<string> Probes() => [.. ProbeNames()];

    private static IEnumerable<string> ProbeNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Probes"), "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    // Probes are independent: check them all at once on every core, the first theory case waits for the batch.
    private static readonly Lazy<Task<Dictionary<string, string?>>> s_results = new(async () =>
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        await Parallel.ForEachAsync(ProbeNames(), async (probe, _) =>
        {
            try
            {
                results[probe] = await CheckAsync(probe);
            }
            catch (Exception e)
            {
                results[probe] = "checking the probe threw: " + e;
            }
        });
        return new Dictionary<string, string?>(results);
    });

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Probe_compiles_with_the_generator_or_is_reported_and_left_unwrapped(string probe)
    {
        var failure = (await s_results.Value)[probe];
        Assert.True(failure is null, failure);
    }

    /// <summary>Null when the probe passes, else what is wrong and the generated source.</summary>
    private static async Task<string?> CheckAsync(string probe)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Probes", probe + ".cs"));
        var warningsAsErrors = text.StartsWith("// probe: warnaserror", StringComparison.Ordinal);
        var sources = new[] { (Compiler.ProjectDirectory + "/" + probe + ".cs", text) };

        var truth = Compiler.Create("Probe", sources, generator: false, OutputKind.DynamicallyLinkedLibrary, warningsAsErrors);
        var baseline = truth.GetDiagnostics().Concat(await Compiler.AnalyzeAsync(truth, tracentic: false)).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (baseline.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return "the probe itself must compile without the generator:\n" + string.Join("\n", baseline.Select(Compiler.Format));
        }

        var (output, generatorDiagnostics, generated) = Compiler.Generate(Compiler.Create("Probe", sources, generator: true, OutputKind.DynamicallyLinkedLibrary, warningsAsErrors));
        var analyzerDiagnostics = await Compiler.AnalyzeAsync(output);
        var generatedSource = string.Join("\n", generated.Select(t => t.ToString()));
        var baselineKeys = baseline.Select(Key).ToHashSet();
        var added = output.GetDiagnostics().Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("TRC", StringComparison.Ordinal) && !baselineKeys.Contains(Key(d)))
            .ToList();
        var trc = generatorDiagnostics.Concat(analyzerDiagnostics).Where(d => d.Id.StartsWith("TRC", StringComparison.Ordinal)).ToList();
        var generatedSet = generated.ToHashSet();
        var sites = CallSites.Find(output, generatedSet);

        var problems = new List<string>();
        problems.AddRange(added.Select(d => "new diagnostic " + Compiler.Format(d)));
        foreach (var site in sites)
        {
            var reports = trc.Where(d => d.IsAbout(site) && !s_aboutDataOnly.Contains(d.Id)).ToList();
            if (site.Intercepted && reports.Count > 0)
            {
                problems.Add($"reported but still intercepted: {site} ({string.Join(", ", reports.Select(d => d.Id))})");
            }
            else if (!site.Intercepted && reports.Count == 0)
            {
                problems.Add($"left unwrapped silently (no TRC diagnostic): {site}");
            }
        }

        if (sites.Count == 0)
        {
            return "the probe uses no annotated member, so it proves nothing";
        }

        return problems.Count == 0 ? null : $"probe {probe}:\n  " + string.Join("\n  ", problems)
            + "\nTRC diagnostics: " + (trc.Count == 0 ? "none" : string.Join("; ", trc.Select(Compiler.Format)))
            + "\nGenerated source:\n" + generatedSource;
    }


    private static (string Id, string? Path, Microsoft.CodeAnalysis.Text.TextSpan Span) Key(Diagnostic d) =>
        (d.Id, d.Location.SourceTree?.FilePath, d.Location.SourceSpan);
}
