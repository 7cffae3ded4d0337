using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tracentic.Testing;

/// <summary>
/// The MSBuild properties the generator reads, as a build of a project in <paramref name="projectDirectory"/> passes
/// them (<c>build_property.ProjectDir</c>, which <c>build/Tracentic.targets</c> makes visible): the one options provider
/// of every in-memory compilation in the tests. <paramref name="properties"/> adds other global options (the trimming
/// analyzers' switches).
/// </summary>
internal sealed class ProjectDirectoryOptions(string projectDirectory, IReadOnlyDictionary<string, string>? properties = null) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(new Dictionary<string, string>(properties ?? new Dictionary<string, string>())
    {
        ["build_property.ProjectDir"] = projectDirectory.EndsWith('/') ? projectDirectory : projectDirectory + "/",
    });

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
