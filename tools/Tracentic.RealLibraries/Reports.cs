using System.Xml.Linq;

namespace Tracentic.RealLibraries;

/// <summary>Test outcomes (trx) and build diagnostics (SARIF) of two ways of building the library, compared.</summary>
internal static class Reports
{
    /// <summary>Test method → outcomes of its cases, from a trx file.</summary>
    public static Dictionary<string, List<string>> ReadTrx(string path)
    {
        var results = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return results;
        }

        foreach (var result in XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            // Theory cases are compared per test method: some display names hold values of the run (DateTime.Now, new GUIDs).
            var name = (string?)result.Attribute("testName") ?? "?";
            name = name.IndexOf('(') is > 0 and var open ? name[..open] : name;
            var outcome = (string?)result.Attribute("outcome") ?? "?";
            if (!results.TryGetValue(name, out var outcomes))
            {
                results[name] = outcomes = [];
            }

            outcomes.Add(outcome);
        }

        foreach (var outcomes in results.Values)
        {
            outcomes.Sort(StringComparer.Ordinal);
        }

        return results;
    }

    /// <summary>Prints the counts of each trx and every test whose outcomes differ from the baseline's; 1 when any differs.</summary>
    public static int CompareTrx(string baseline, IReadOnlyList<string> others)
    {
        var truth = ReadTrx(baseline);
        Console.WriteLine($"{Path.GetFileName(baseline)}: {Counts(truth)}");
        var differs = false;
        foreach (var other in others)
        {
            var results = ReadTrx(other);
            Console.WriteLine($"{Path.GetFileName(other)}: {Counts(results)}");
            foreach (var name in truth.Keys.Union(results.Keys).Order(StringComparer.Ordinal))
            {
                var a = truth.GetValueOrDefault(name) ?? [];
                var b = results.GetValueOrDefault(name) ?? [];
                if (!a.SequenceEqual(b))
                {
                    differs = true;
                    Console.WriteLine($"  DIFFERS {name}: [{string.Join(',', a)}] -> [{string.Join(',', b)}]");
                }
            }
        }

        return differs ? 1 : 0;
    }

    private static string Counts(Dictionary<string, List<string>> results)
    {
        var all = results.Values.SelectMany(o => o).ToList();
        return all.Count == 0
            ? "no results"
            : $"total={all.Count} passed={all.Count(o => o == "Passed")} failed={all.Count(o => o == "Failed")} skipped={all.Count(o => o is "NotExecuted" or "Skipped")} other={all.Count(o => o is not ("Passed" or "Failed" or "NotExecuted" or "Skipped"))}";
    }

    /// <summary>
    /// Diagnostics in Tracentic's generated code (by id and member), TRC diagnostics (by id), and the user's own
    /// diagnostics that differ between the baseline build and the annotated one; 1 when generated code has any or
    /// the user's differ.
    /// </summary>
    public static int CompareDiagnostics(string root, string baselineFolder, string annotatedFolder)
    {
        var baseline = Sarif.ReadFolder(baselineFolder);
        var annotated = Sarif.ReadFolder(annotatedFolder);
        var generated = annotated.Where(d => d.InTracenticGeneratedCode).ToList();
        Console.WriteLine($"diagnostics in generated code: {generated.Count} [{ById(generated)}]");
        foreach (var d in generated.GroupBy(d => (d.Id, d.Message)).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Message, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {d.Count()}x {d.Key.Id}: {d.Key.Message}   (first: {Path.GetFileName(d.First().File)}({d.First().Line}) [{d.First().Project}])");
        }

        var trc = annotated.Where(d => d.IsTracentic).ToList();
        Console.WriteLine($"TRC diagnostics: {trc.Count} [{ById(trc)}]");

        var user = (List<BuildDiagnostic> all) => all.Where(d => !d.IsTracentic && !d.InTracenticGeneratedCode).Select(d => d.ComparisonKey(root)).Order(StringComparer.Ordinal).ToList();
        var before = user(baseline);
        var after = user(annotated);
        var missing = Minus(before, after);
        var added = Minus(after, before);
        Console.WriteLine($"user diagnostics: baseline {before.Count}, annotated {after.Count}; only in baseline {missing.Count}, only in annotated {added.Count}");
        foreach (var key in missing)
        {
            Console.WriteLine($"  - {key}");
        }

        foreach (var key in added)
        {
            Console.WriteLine($"  + {key}");
        }

        return generated.Count > 0 || missing.Count > 0 || added.Count > 0 ? 1 : 0;
    }

    private static string ById(IEnumerable<BuildDiagnostic> diagnostics) =>
        string.Join(' ', diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));

    // Multiset difference.
    private static List<string> Minus(List<string> a, List<string> b)
    {
        var counts = b.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<string>();
        foreach (var x in a)
        {
            if (counts.TryGetValue(x, out var n) && n > 0)
            {
                counts[x] = n - 1;
            }
            else
            {
                result.Add(x);
            }
        }

        return result;
    }
}
