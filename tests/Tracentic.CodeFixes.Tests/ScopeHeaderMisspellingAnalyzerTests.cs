using Microsoft.CodeAnalysis.Testing;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.CodeFixes.Tests;

/// <summary>TRC002: near misses of the scope header, and the strings that must be left alone.</summary>
public sealed class ScopeHeaderMisspellingAnalyzerTests
{
    public static TheoryData<string> NearMisses() =>
    [
        "x-tracentic-scope",        // -id dropped
        "x-tracentic-scopeid",      // dash dropped
        "x-tracentic-scope-ids",    // extra letter
        "x-tracentic-scopes-id",
        "x-tracentic-scop-id",      // letter dropped
        "x-tracnetic-scope-id",     // two letters swapped
        "x-tracentc-scope-id",      // typo in the product name
        "x-tracentic-socpe-id",
        "tracentic-scope-id",       // x- missing
        "tracentic-scope",          // x- and -id missing
        "Tracentic-Scope-Id",
        "x_tracentic_scope_id",     // underscores for dashes
        "X_TRACENTIC_SCOPE_ID",
        "tracentic_scope_id",
        "x-tracentic_scope_id",
        "xtracenticscopeid",        // no separators
        "x--tracentic-scope-id",    // doubled dash
        "x-tracentic-scope-id ",    // trailing space
        " X-Tracentic-Scope-Id",    // leading space
    ];

    public static TheoryData<string> NotHeaderNearMisses() =>
    [
        // Other headers.
        "x-request-id",
        "x-correlation-id",
        "x-tracentic-api-key",
        "x-tracentic-trace",
        "x-tracentic-trace-id",
        "x-tracentic-span-id",
        "x-tracentic-scope-name",
        "x-tracentic-parent-scope-id",
        "x-scope-id",
        "traceparent",
        // Span attribute keys (dots): never header-shaped.
        "tracentic.scope.id",
        "tracentic.scope.parent_id",
        "tracentic.scope.name",
        // Ordinary words and names.
        "tracentic",
        "Tracentic",
        "scope",
        "scope-id",
        "rag-pipeline",
        "application/json",
        "",
        // URLs, paths and messages that mention the header.
        "https://api.tracentic.dev/x-tracentic-scope-id",
        "/v1/x-tracentic-scope-id",
        "send x-tracentic-scope-id to link",
        "missing x-tracentic-scope header",
        "x-tracentic-scope-id: 0af7651916cd43dd8448eb211c80319c",
        "x-tracentic-scope-id=abc",
        "Header x-tracentic-scope was not found",
    ];

    [Theory]
    [MemberData(nameof(NearMisses))]
    public Task Near_miss_is_reported(string value) => Verify.DiagnosticsAsync(
        Verify.Usings + $$"""
        class C
        {
            void M(HttpRequestMessage request, string id) => request.Headers.TryAddWithoutValidation({|#0:{{Literal(value)}}|}, id);
        }
        """,
        new DiagnosticResult(DiagnosticDescriptors.ScopeHeaderMisspelling).WithLocation(0).WithArguments(value));

    [Theory]
    [MemberData(nameof(NotHeaderNearMisses))]
    public Task Other_strings_are_not_reported(string value) => Verify.DiagnosticsAsync(
        Verify.Usings + $$"""
        class C
        {
            void M(HttpRequestMessage request, string id) => request.Headers.TryAddWithoutValidation({{Literal(value)}}, id);
        }
        """);

    [Theory]
    [InlineData("x-tracentic-scope-id")]
    [InlineData("X-Tracentic-Scope-Id")]
    [InlineData("X-TRACENTIC-SCOPE-ID")]
    public Task The_exact_header_in_any_case_is_TRC001_not_TRC002(string value) => Verify.DiagnosticsAsync(
        Verify.Usings + $$"""
        class C { string H = {|TRC001:{{Literal(value)}}|}; }
        """);

    [Fact]
    public Task The_message_names_the_string_and_the_header() => Verify.DiagnosticsAsync(
        Verify.Usings + """
        class C { string H = {|#0:"x-tracentic-scopeid"|}; }
        """,
        new DiagnosticResult(DiagnosticDescriptors.ScopeHeaderMisspelling).WithLocation(0)
            .WithMessage("\"x-tracentic-scopeid\" looks like a misspelling of the scope header \"x-tracentic-scope-id\"; use TracenticHeaders.Scope"));

    [Fact]
    public Task Same_contexts_and_constant_rules_as_TRC001() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            const string Prefix = "x-tracentic-";
            const string Near = {|TRC002:"x-tracentic-scope"|};

            int M(Dictionary<string, string> headers, string id)
            {
                headers[{|TRC002:"x_tracentic_scope_id"|}] = id;
                headers[{|TRC002:Prefix + "scopeid"|}] = id;
                headers[{|TRC002:$"{Prefix}scope"|}] = id;
                // Uses of a reported constant are not reported again, nor are concatenations built on it.
                headers[Near] = id;
                headers[Near + "-id"] = id;
                // Built from the SDK constant on purpose: not a misspelling.
                headers[TracenticHeaders.Scope + "s"] = id;
                return id switch
                {
                    {|TRC002:"tracentic-scope-id"|} => 1,
                    _ => 0,
                };
            }
        }
        """);

    private static string Literal(string value) => "\"" + value + "\"";
}
