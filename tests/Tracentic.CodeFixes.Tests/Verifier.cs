using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Tracentic.CodeFixes;
using Tracentic.Generators.Analyzers;

namespace Tracentic.CodeFixes.Tests;

/// <summary>
/// Runs the scope-header analyzer (TRC001, TRC002) and the code fix over markup sources.
/// References are .NET 10 reference assemblies from Basic.Reference.Assemblies plus the Tracentic runtime,
/// so nothing is downloaded.
/// </summary>
internal sealed class TracenticCodeFixTest : CSharpCodeFixTest<ScopeHeaderAnalyzer, UseTracenticHeadersScopeCodeFixProvider, DefaultVerifier>
{
    /// <summary>No reference package: the references come from <see cref="Basic.Reference.Assemblies.Net100"/>.</summary>
    private static readonly ReferenceAssemblies NoPackages = new("net10.0");

    public static readonly MetadataReference TracenticRuntime = MetadataReference.CreateFromFile(typeof(TracenticHeaders).Assembly.Location);

    public TracenticCodeFixTest(bool referenceTracentic = true)
    {
        ReferenceAssemblies = NoPackages;
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        if (referenceTracentic)
        {
            TestState.AdditionalReferences.Add(TracenticRuntime);
        }
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        [new ScopeHeaderAnalyzer()];
}

/// <summary>Entry points used by the tests.</summary>
internal static class Verify
{
    /// <summary>Checks the diagnostics in the markup (<c>{|TRC001:...|}</c>, <c>{|TRC002:...|}</c>) and nothing else.</summary>
    public static Task DiagnosticsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new TracenticCodeFixTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The usings most tests start with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using Tracentic;

        """;

    /// <summary>Checks the diagnostics, applies the fix to each one, then fix-all in document, project and solution.</summary>
    public static Task FixAsync(string source, string fixedSource) =>
        new TracenticCodeFixTest { TestCode = source, FixedCode = fixedSource }.RunAsync();
}
