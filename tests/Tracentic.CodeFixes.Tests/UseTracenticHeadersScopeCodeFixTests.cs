using Microsoft.CodeAnalysis.Testing;

namespace Tracentic.CodeFixes.Tests;

/// <summary>
/// The fix for TRC001/TRC002. Every <see cref="Verify.FixAsync"/> also runs fix-all in document, project
/// and solution scope and requires the same result.
/// </summary>
public sealed class UseTracenticHeadersScopeCodeFixTests
{
    [Fact]
    public Task With_using_Tracentic_the_short_name_is_written() => Verify.FixAsync(
        """
        using System.Net.Http;
        using Tracentic;

        class C
        {
            void M(HttpRequestMessage request, string id)
            {
                request.Headers.Add({|TRC001:"X-Tracentic-Scope-Id"|}, id);
                request.Headers.Add({|TRC002:"x-tracentic-scope"|}, id);
            }
        }
        """,
        """
        using System.Net.Http;
        using Tracentic;

        class C
        {
            void M(HttpRequestMessage request, string id)
            {
                request.Headers.Add(TracenticHeaders.Scope, id);
                request.Headers.Add(TracenticHeaders.Scope, id);
            }
        }
        """);

    [Fact]
    public Task Without_using_Tracentic_the_using_is_added_in_order() => Verify.FixAsync(
        """
        using System;
        using System.Net.Http;
        using Zeta = System.Text;

        class C
        {
            void M(HttpRequestMessage request, string id) => request.Headers.Add({|TRC001:"x-tracentic-scope-id"|}, id);
        }
        """,
        """
        using System;
        using System.Net.Http;
        using Tracentic;
        using Zeta = System.Text;

        class C
        {
            void M(HttpRequestMessage request, string id) => request.Headers.Add(TracenticHeaders.Scope, id);
        }
        """);

    [Fact]
    public Task A_file_without_usings_gets_one() => Verify.FixAsync(
        """
        class C
        {
            string H = {|TRC001:"x-tracentic-scope-id"|};
        }
        """,
        """
        using Tracentic;

        class C
        {
            string H = TracenticHeaders.Scope;
        }
        """);

    [Fact]
    public Task Usings_inside_the_namespace_get_the_new_one_there_too() => Verify.FixAsync(
        """
        namespace MyApp
        {
            using System.Net.Http;

            class C
            {
                void M(HttpRequestMessage request, string id) => request.Headers.Add({|TRC002:"tracentic-scope-id"|}, id);
            }
        }
        """,
        """
        namespace MyApp
        {
            using System.Net.Http;
            using Tracentic;

            class C
            {
                void M(HttpRequestMessage request, string id) => request.Headers.Add(TracenticHeaders.Scope, id);
            }
        }
        """);

    [Fact]
    public Task A_file_that_qualifies_Tracentic_names_gets_a_qualified_name_and_no_using() => Verify.FixAsync(
        """
        using System.Net.Http;

        class C
        {
            void M(HttpRequestMessage request)
            {
                var scope = Tracentic.TracenticScope.Current;
                request.Headers.Add({|TRC001:"x-tracentic-scope-id"|}, scope?.Id);
            }
        }
        """,
        """
        using System.Net.Http;

        class C
        {
            void M(HttpRequestMessage request)
            {
                var scope = Tracentic.TracenticScope.Current;
                request.Headers.Add(Tracentic.TracenticHeaders.Scope, scope?.Id);
            }
        }
        """);

    [Fact]
    public Task Another_TracenticHeaders_in_scope_means_qualifying_instead_of_importing() => Verify.FixAsync(
        """
        namespace MyApp
        {
            static class TracenticHeaders { public const string Tenant = "x-tenant"; }

            class C
            {
                string[] All = [TracenticHeaders.Tenant, {|TRC001:"x-tracentic-scope-id"|}];
            }
        }
        """,
        """
        namespace MyApp
        {
            static class TracenticHeaders { public const string Tenant = "x-tenant"; }

            class C
            {
                string[] All = [TracenticHeaders.Tenant, Tracentic.TracenticHeaders.Scope];
            }
        }
        """);

    [Fact]
    public Task When_Tracentic_itself_is_shadowed_the_name_is_global_qualified() => Verify.FixAsync(
        """
        namespace MyApp
        {
            class Tracentic { }
            class TracenticHeaders { }

            class C { string H = {|TRC001:"x-tracentic-scope-id"|}; }
        }
        """,
        """
        namespace MyApp
        {
            class Tracentic { }
            class TracenticHeaders { }

            class C { string H = global::Tracentic.TracenticHeaders.Scope; }
        }
        """);

    [Fact]
    public Task An_alias_of_TracenticHeaders_is_used() => Verify.FixAsync(
        """
        using Headers = Tracentic.TracenticHeaders;

        class C { string H = {|TRC001:"x-tracentic-scope-id"|}; string G = Headers.Scope; }
        """,
        """
        using Headers = Tracentic.TracenticHeaders;

        class C { string H = Headers.Scope; string G = Headers.Scope; }
        """);

    [Fact]
    public Task Inside_the_Tracentic_namespace_no_using_is_needed() => Verify.FixAsync(
        """
        namespace Tracentic.Extensions
        {
            class C { string H = {|TRC001:"x-tracentic-scope-id"|}; }
        }
        """,
        """
        namespace Tracentic.Extensions
        {
            class C { string H = TracenticHeaders.Scope; }
        }
        """);

    [Fact]
    public Task A_global_using_elsewhere_is_honoured()
    {
        var test = new TracenticCodeFixTest();
        test.TestState.Sources.Add(("GlobalUsings.cs", "global using Tracentic;\n"));
        test.TestState.Sources.Add(("C.cs", """
            class C { string H = {|TRC001:"x-tracentic-scope-id"|}; }
            """));
        test.FixedState.Sources.Add(("GlobalUsings.cs", "global using Tracentic;\n"));
        test.FixedState.Sources.Add(("C.cs", """
            class C { string H = TracenticHeaders.Scope; }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Constants_are_replaced_whole_in_every_context() => Verify.FixAsync(
        Verify.Usings + """
        [AttributeUsage(AttributeTargets.All)]
        sealed class FromHeaderAttribute(string name) : Attribute { public string Name { get; } = name; }

        class C
        {
            const string Prefix = "x-tracentic-";
            const string Header = {|TRC001:"x-tracentic-scope-id"|};

            [FromHeader({|TRC001:Prefix + "scope-id"|})]
            public string? ScopeId { get; set; }

            int M(Dictionary<string, string> headers, string id, string name = {|TRC002:"x_tracentic_scope_id"|})
            {
                headers[{|TRC001:$"{Prefix}scope-id"|}] = id;
                headers[Header] = $"{{|TRC001:"x-tracentic-scope-id"|}}={id}";
                var copy = new Dictionary<string, string> { [ /* keep */ {|TRC002:"x-tracentic-scopeid"|} /* comments */ ] = id };
                switch (name)
                {
                    case {|TRC001:"X-Tracentic-Scope-Id"|}: return 1;
                }

                return name is {|TRC002:"tracentic-scope"|} ? 2 : 0;
            }
        }
        """,
        Verify.Usings + """
        [AttributeUsage(AttributeTargets.All)]
        sealed class FromHeaderAttribute(string name) : Attribute { public string Name { get; } = name; }

        class C
        {
            const string Prefix = "x-tracentic-";
            const string Header = TracenticHeaders.Scope;

            [FromHeader(TracenticHeaders.Scope)]
            public string? ScopeId { get; set; }

            int M(Dictionary<string, string> headers, string id, string name = TracenticHeaders.Scope)
            {
                headers[TracenticHeaders.Scope] = id;
                headers[Header] = $"{TracenticHeaders.Scope}={id}";
                var copy = new Dictionary<string, string> { [ /* keep */ TracenticHeaders.Scope /* comments */ ] = id };
                switch (name)
                {
                    case TracenticHeaders.Scope: return 1;
                }

                return name is TracenticHeaders.Scope ? 2 : 0;
            }
        }
        """);

    [Fact]
    public Task Fix_all_rewrites_each_scope_in_one_pass_adding_the_using_once_per_file()
    {
        var test = new TracenticCodeFixTest
        {
            // One application per document (3), per project (2), and once for the whole solution: every
            // diagnostic of a scope is fixed in a single pass.
            NumberOfFixAllInDocumentIterations = 3,
            NumberOfFixAllInProjectIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        test.TestState.Sources.Add(("A.cs", """
            using System.Net.Http;

            class A
            {
                void M(HttpRequestMessage request, string id)
                {
                    request.Headers.Add({|TRC001:"x-tracentic-scope-id"|}, id);
                    request.Headers.Add({|TRC001:"X-Tracentic-Scope-Id"|}, id);
                    request.Headers.Add({|TRC001:"x-tracentic-" + "scope-id"|}, id);
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            class B
            {
                string[] All = [{|TRC001:"x-tracentic-scope-id"|}, "accept", {|TRC001:"X-TRACENTIC-SCOPE-ID"|}];
            }
            """));
        // A second project: solution-scope fix-all reaches it. (Its file already imports Tracentic: an added
        // directive would use that project's default end of line, which the test harness leaves at CRLF.)
        test.TestState.AdditionalProjects["Other"].Sources.Add(("/Other/D.cs", """
            using Tracentic;

            class D { string H = {|TRC001:"x-tracentic-scope-id"|}; string G = {|TRC002:"tracentic-scope-id"|}; }
            """));
        test.TestState.AdditionalProjects["Other"].AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalProjects["Other"].AdditionalReferences.Add(TracenticCodeFixTest.TracenticRuntime);

        test.FixedState.Sources.Add(("A.cs", """
            using System.Net.Http;
            using Tracentic;

            class A
            {
                void M(HttpRequestMessage request, string id)
                {
                    request.Headers.Add(TracenticHeaders.Scope, id);
                    request.Headers.Add(TracenticHeaders.Scope, id);
                    request.Headers.Add(TracenticHeaders.Scope, id);
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using Tracentic;

            class B
            {
                string[] All = [TracenticHeaders.Scope, "accept", TracenticHeaders.Scope];
            }
            """));
        test.FixedState.AdditionalProjects["Other"].Sources.Add(("/Other/D.cs", """
            using Tracentic;

            class D { string H = TracenticHeaders.Scope; string G = TracenticHeaders.Scope; }
            """));
        test.FixedState.AdditionalProjects["Other"].AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.FixedState.AdditionalProjects["Other"].AdditionalReferences.Add(TracenticCodeFixTest.TracenticRuntime);
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_handles_TRC001_and_TRC002_together() => Verify.FixAsync(
        """
        class C
        {
            string[] All =
            [
                {|TRC001:"x-tracentic-scope-id"|},
                {|TRC002:"x-tracentic-scope"|},
                {|TRC002:"X_TRACENTIC_SCOPE_ID"|},
                {|TRC001:"X-Tracentic-Scope-Id"|},
            ];
        }
        """,
        """
        using Tracentic;

        class C
        {
            string[] All =
            [
                TracenticHeaders.Scope,
                TracenticHeaders.Scope,
                TracenticHeaders.Scope,
                TracenticHeaders.Scope,
            ];
        }
        """);
}
