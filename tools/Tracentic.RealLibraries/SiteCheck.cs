#pragma warning disable RSEXPERIMENTAL002 // GetInterceptorMethod: the compiler's own answer to "is this call intercepted?"
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tracentic.Transparency.Tests.Infrastructure;

namespace Tracentic.RealLibraries;

/// <summary>
/// Every use of an annotated member in one project of the library is intercepted or reported with a TRC diagnostic:
/// rebuilds the project's compilation from what the build compiled (compile items, references, symbols, language
/// version, written by the injected targets) plus the generated sources the build emitted, finds the uses with the
/// transparency suite's <see cref="CallSites"/> and asks the compiler (<c>GetInterceptorMethod</c>) whether each is
/// intercepted; TRC diagnostics are those of the build's SARIF log.
/// </summary>
internal static class SiteCheck
{
    public static int Run(string inputsFile, string generatedFolder, string sarifFile, string report)
    {
        var inputs = File.ReadAllLines(inputsFile).Where(l => l.Contains('=')).Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..])).ToList();
        string Single(string key) => inputs.LastOrDefault(i => i.Key == key).Value ?? "";
        var defines = inputs.Where(i => i.Key == "define" && i.Value.Length > 0).Select(i => i.Value).ToList();
        var features = new Dictionary<string, string> { ["InterceptorsNamespaces"] = string.Join(';', inputs.Where(i => i.Key == "interceptors").Select(i => i.Value)) };
        var language = LanguageVersionFacts.TryParse(Single("langversion"), out var parsed) ? parsed : LanguageVersion.Default;
        var parse = new CSharpParseOptions(language, preprocessorSymbols: defines).WithFeatures(features);

        var userTrees = inputs.Where(i => i.Key == "src").Select(i => Parse(i.Value, parse)).ToList();
        var generatedTrees = Directory.Exists(generatedFolder)
            ? Directory.EnumerateFiles(generatedFolder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => Parse(p, parse)).ToList()
            : [];
        var nullable = Single("nullable").ToLowerInvariant() switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable,
            allowUnsafe: string.Equals(Single("unsafe"), "true", StringComparison.OrdinalIgnoreCase));
        if (Single("keyfile") is { Length: > 0 } keyFile)
        {
            // Friend assemblies name the public key: the rebuilt compilation must carry it (public-signed, never emitted).
            options = options.WithCryptoKeyFile(keyFile).WithPublicSign(true).WithStrongNameProvider(new DesktopStrongNameProvider());
        }

        var references = inputs.Where(i => i.Key == "ref").Select(i => MetadataReference.CreateFromFile(i.Value)).ToList();
        var compilation = CSharpCompilation.Create(Single("assembly"), [.. userTrees, .. generatedTrees], references, options);

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var trc = File.Exists(sarifFile) ? Sarif.Read(sarifFile).Where(d => d.IsTracentic && d.File is not null).ToList() : [];
        var sites = CallSites.Find(compilation, generatedTrees.ToHashSet());

        // Each TRC diagnostic is about the most specific use it covers: a call nested in another's arguments is a use of
        // its own, and a diagnostic about one is not about the other.
        var reports = new Dictionary<CallSite, List<string>>();
        foreach (var d in trc)
        {
            foreach (var site in AboutWhich(d, sites))
            {
                (reports.TryGetValue(site, out var ids) ? ids : reports[site] = []).Add(d.Id);
            }
        }

        int intercepted = 0, reported = 0, both = 0, neither = 0;
        var lines = new List<string>();
        foreach (var site in sites)
        {
            var about = (reports.GetValueOrDefault(site) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
            var verdict = (site.Intercepted, about.Count > 0) switch
            {
                (true, false) => "intercepted",
                (false, true) => "reported",
                (true, true) => "BOTH",
                (false, false) => "NEITHER",
            };
            _ = verdict switch
            {
                "intercepted" => intercepted++,
                "reported" => reported++,
                "BOTH" => both++,
                _ => neither++,
            };
            lines.Add($"{verdict}\t{string.Join(',', about)}\t{site.File}({site.Line})\t{site.Target}\t{site.Code}");
        }

        var byId = trc.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        var summary = $"uses={sites.Count} intercepted={intercepted} reported={reported} both={both} neither={neither} trc=[{string.Join(' ', byId)}] check-compilation-errors={errors.Count}";
        File.WriteAllLines(report, [summary, .. lines.Order(StringComparer.Ordinal), .. errors.Take(50).Select(e => "check-compilation-error\t" + e)]);
        Console.WriteLine(summary);
        return 0;
    }

    private static SyntaxTree Parse(string path, CSharpParseOptions options) =>
        CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(path), System.Text.Encoding.UTF8), options, path);

    // At the call (the use whose span is the diagnostic's, else the smallest use containing it, else any it overlaps),
    // or at the annotated member's declaration (a member none of whose uses can be wrapped) — its header only: a
    // diagnostic about a call inside the member's body is about that call, not about this use.
    private static IEnumerable<CallSite> AboutWhich(BuildDiagnostic d, IReadOnlyList<CallSite> sites)
    {
        var overlapping = sites.Where(s => Overlaps(d, s.Location)).ToList();
        var exact = overlapping.Where(s => Span(s.Location) == (d.Line - 1, d.Column - 1, d.EndLine - 1, d.EndColumn - 1)).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var containing = overlapping.Where(s => Contains(s.Location, d)).ToList();
        if (containing.Count > 0)
        {
            var smallest = containing.Min(s => s.Location.SourceSpan.Length);
            return containing.Where(s => s.Location.SourceSpan.Length == smallest);
        }

        return overlapping.Count > 0 ? overlapping : sites.Where(s => s.Declaration is { } declaration && Overlaps(d, Header(declaration)));
    }

    private static (int, int, int, int) Span(Location location)
    {
        var span = location.GetLineSpan();
        return (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
    }

    private static bool Contains(Location location, BuildDiagnostic d)
    {
        var (startLine, startColumn, endLine, endColumn) = Span(location);
        return (startLine, startColumn).CompareTo((d.Line - 1, d.Column - 1)) <= 0 && (d.EndLine - 1, d.EndColumn - 1).CompareTo((endLine, endColumn)) <= 0;
    }

    private static Location Header(Location declaration)
    {
        var node = declaration.SourceTree!.GetRoot().FindNode(declaration.SourceSpan);
        SyntaxNode? body = node switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
            Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
            _ => null,
        };
        return body is null
            ? declaration
            : Location.Create(declaration.SourceTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(declaration.SourceSpan.Start, body.SpanStart));
    }

    private static bool Overlaps(BuildDiagnostic d, Location location)
    {
        var span = location.GetLineSpan();
        if (!string.Equals(Path.GetFullPath(span.Path), Path.GetFullPath(d.File!), StringComparison.Ordinal))
        {
            return false;
        }

        var start = (d.Line - 1, d.Column - 1);
        var end = (d.EndLine - 1, d.EndColumn - 1);
        var siteStart = (span.StartLinePosition.Line, span.StartLinePosition.Character);
        var siteEnd = (span.EndLinePosition.Line, span.EndLinePosition.Character);
        return start.CompareTo(siteEnd) <= 0 && siteStart.CompareTo(end) <= 0;
    }
}
