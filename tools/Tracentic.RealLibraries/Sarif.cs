using System.Text.Json;

namespace Tracentic.RealLibraries;

/// <summary>One diagnostic of a build, as the compiler wrote it to its SARIF error log (<c>-errorlog</c>).</summary>
internal sealed record BuildDiagnostic(string Project, string Id, string Level, string? File, int Line, int Column, int EndLine, int EndColumn, string Message)
{
    /// <summary>In code the Tracentic generator wrote (its hint-name folder, or the emitted copy of it).</summary>
    public bool InTracenticGeneratedCode =>
        File is not null && (File.Contains("Tracentic.Generators", StringComparison.Ordinal) || File.Contains("Tracentic.Generated", StringComparison.Ordinal));

    public bool IsTracentic => Id.StartsWith("TRC", StringComparison.Ordinal);

    /// <summary>What must be equal between two builds whose sources differ only by attributes inserted on the same line.</summary>
    public string ComparisonKey(string root) =>
        $"{Project} {Id} {Level} {(File is null ? "-" : Path.GetRelativePath(root, File))}({Line}) {Message}";

    public override string ToString() => $"{File}({Line},{Column}): {Level} {Id}: {Message} [{Project}]";
}

internal static class Sarif
{
    /// <summary>Every diagnostic of every <c>*.sarif</c> file in a folder (one per project and target framework).</summary>
    public static List<BuildDiagnostic> ReadFolder(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.sarif").Order(StringComparer.Ordinal).SelectMany(Read)]
            : [];

    public static IEnumerable<BuildDiagnostic> Read(string path)
    {
        var project = Path.GetFileNameWithoutExtension(path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0)
                {
                    continue; // #pragma or SuppressMessage: the build does not report it
                }

                var id = result.GetProperty("ruleId").GetString() ?? "?";
                var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
                var message = result.GetProperty("message").GetProperty("text").GetString() ?? "";
                string? file = null;
                int line = 0, column = 0, endLine = 0, endColumn = 0;
                if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("physicalLocation", out var physical))
                {
                    file = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                    if (physical.TryGetProperty("region", out var region))
                    {
                        line = Int(region, "startLine");
                        column = Int(region, "startColumn");
                        endLine = Int(region, "endLine", line);
                        endColumn = Int(region, "endColumn", column);
                    }
                }

                yield return new BuildDiagnostic(project, id, level, file, line, column, endLine, endColumn, message);
            }
        }
    }

    private static int Int(JsonElement element, string name, int fallback = 0) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : fallback;
}
