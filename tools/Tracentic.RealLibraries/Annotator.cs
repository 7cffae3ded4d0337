using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Tracentic.RealLibraries;

/// <summary>
/// Puts <c>[global::Tracentic.TracenticScope]</c> on every ordinary method with a body (block or expression) in the
/// given folders: no constructors, operators, conversions, accessors or local functions. The attribute is inserted
/// in front of the declaration's first token, on the same line, so every line number of the file is unchanged and
/// the user's diagnostics of the two builds can be compared line by line.
/// </summary>
internal static class Annotator
{
    public const string Attribute = "[global::Tracentic.TracenticScope] ";

    private static readonly string[][] s_symbolSets =
    [
        [],
        ["RELEASE", "TRACE", "NET", "NETCOREAPP", "NET8_0", "NET10_0", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NET5_0_OR_GREATER",
         "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER", "NETSTANDARD2_1_OR_GREATER"],
    ];

    public static int Run(IReadOnlyList<string> folders)
    {
        var shapes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int files = 0, methods = 0, skipped = 0;
        foreach (var folder in folders)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (IsBuildOutput(folder, path))
                {
                    continue;
                }

                var text = SourceText.From(File.ReadAllText(path));
                // Methods active without symbols or under a modern .NET's symbols (the builds are net8.0 and up); an
                // attribute in code that a build leaves inactive is harmless.
                var targets = s_symbolSets
                    .SelectMany(symbols => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: symbols), path)
                        .GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
                    .Where(m => m.Body is not null || m.ExpressionBody is not null)
                    .DistinctBy(m => m.SpanStart)
                    .OrderBy(m => m.SpanStart)
                    .ToList();
                var changes = new List<TextChange>();
                foreach (var method in targets)
                {
                    if (method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Tracentic", StringComparison.Ordinal)))
                    {
                        skipped++;
                        continue;
                    }

                    changes.Add(new TextChange(new TextSpan(method.SpanStart, 0), Attribute));
                    foreach (var shape in Shapes(method))
                    {
                        shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                    }
                }

                if (changes.Count > 0)
                {
                    File.WriteAllText(path, text.WithChanges(changes).ToString(), Encoding(path));
                    files++;
                    methods += changes.Count;
                }
            }
        }

        Console.WriteLine($"methods annotated: {methods} in {files} files (already annotated, left alone: {skipped})");
        foreach (var (shape, count) in shapes)
        {
            Console.WriteLine($"  {shape}: {count}");
        }

        return 0;
    }

    // Keep a byte-order mark where the file had one (the library's own style).
    private static System.Text.Encoding Encoding(string path)
    {
        var head = new byte[3];
        using (var stream = File.OpenRead(path))
        {
            _ = stream.Read(head, 0, 3);
        }

        return head is [0xEF, 0xBB, 0xBF] ? new System.Text.UTF8Encoding(true) : new System.Text.UTF8Encoding(false);
    }

    private static bool IsBuildOutput(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
        return relative.Split('/').Any(part => part is "bin" or "obj");
    }

    /// <summary>Syntactic shape tags of an annotated method, for the summary (what kinds of members the run covers).</summary>
    private static IEnumerable<string> Shapes(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers.Select(m => m.ValueText).ToHashSet();
        yield return "all";
        if (modifiers.Contains("static"))
        {
            yield return "static";
        }

        if (method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(m => m.IsKind(SyntaxKind.ThisKeyword)) == true)
        {
            yield return "extension method";
        }

        if (method.TypeParameterList is not null)
        {
            yield return "generic";
        }

        if (modifiers.Contains("async"))
        {
            yield return "async";
        }

        if (method.DescendantNodes().Any(n => n is YieldStatementSyntax))
        {
            yield return "iterator";
        }

        if (method.Parent is StructDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: (int)SyntaxKind.StructKeyword })
        {
            yield return "in a struct";
        }

        if (method.Parent is InterfaceDeclarationSyntax)
        {
            yield return "interface default body";
        }

        if (method.ExplicitInterfaceSpecifier is not null)
        {
            yield return "explicit interface implementation";
        }

        if (modifiers.Contains("override"))
        {
            yield return "override";
        }

        if (method.ReturnType is RefTypeSyntax)
        {
            yield return "ref return";
        }

        if (method.ParameterList.Parameters.Any(p => p.Modifiers.Any(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword))))
        {
            yield return "ref/out/in parameter";
        }

        var attributes = method.AttributeLists.SelectMany(l => l.Attributes)
            .Concat(method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes))
            .Concat(method.TypeParameterList?.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes) ?? [])
            .Select(a => a.Name.ToString().Split('.')[^1].Replace("Attribute", "", StringComparison.Ordinal))
            .ToHashSet();
        foreach (var name in new[]
                 {
                     "NotNull", "NotNullWhen", "MaybeNull", "MaybeNullWhen", "NotNullIfNotNull", "DoesNotReturn", "DoesNotReturnIf",
                     "AllowNull", "DisallowNull", "MemberNotNull", "MemberNotNullWhen", "DynamicallyAccessedMembers",
                     "RequiresUnreferencedCode", "RequiresDynamicCode", "UnscopedRef", "CallerArgumentExpression", "StackTraceHidden",
                     "Obsolete", "MethodImpl",
                 })
        {
            if (attributes.Contains(name))
            {
                yield return $"[{name}]";
            }
        }
    }
}
