using Microsoft.CodeAnalysis.Testing;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.CodeFixes.Tests;

/// <summary>TRC001: where the header string is found, and where it is deliberately not reported.</summary>
public sealed class ScopeHeaderLiteralAnalyzerTests
{
    [Fact]
    public Task Http_headers_Add_TryAddWithoutValidation_and_lookups() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            void Send(HttpRequestMessage request, HttpResponseMessage response, string id)
            {
                request.Headers.Add({|TRC001:"x-tracentic-scope-id"|}, id);
                request.Headers.TryAddWithoutValidation({|TRC001:"x-tracentic-scope-id"|}, id);
                request.Headers.Remove({|TRC001:"x-tracentic-scope-id"|});
                _ = response.Headers.TryGetValues({|TRC001:"x-tracentic-scope-id"|}, out _);
                _ = request.Headers.Contains({|TRC001:"x-tracentic-scope-id"|});
            }
        }
        """);

    [Fact]
    public Task Indexers_and_dictionary_and_collection_initializers() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            void M(Dictionary<string, string> headers, string id)
            {
                headers[{|TRC001:"x-tracentic-scope-id"|}] = id;
                var read = headers[{|TRC001:"x-tracentic-scope-id"|}];
                var a = new Dictionary<string, string> { [{|TRC001:"x-tracentic-scope-id"|}] = id };
                var b = new Dictionary<string, string> { { {|TRC001:"x-tracentic-scope-id"|}, id } };
                var c = new List<string> { {|TRC001:"x-tracentic-scope-id"|} };
                string[] d = [{|TRC001:"x-tracentic-scope-id"|}, "accept"];
                var e = new[] { {|TRC001:"x-tracentic-scope-id"|} };
                var f = new KeyValuePair<string, string>({|TRC001:"x-tracentic-scope-id"|}, id);
            }
        }
        """);

    [Fact]
    public Task Message_properties_and_method_arguments() => Verify.DiagnosticsAsync(Verify.Usings + """
        class Message
        {
            public IDictionary<string, object> ApplicationProperties { get; } = new Dictionary<string, object>();
            public string HeaderName { get; set; } = "";
        }

        class C
        {
            static void Forward(string header, string value) { }

            void M(Message message, string id)
            {
                message.ApplicationProperties[{|TRC001:"x-tracentic-scope-id"|}] = id;
                message.ApplicationProperties.Add({|TRC001:"x-tracentic-scope-id"|}, id);
                var m = new Message { HeaderName = {|TRC001:"x-tracentic-scope-id"|} };
                m.HeaderName = {|TRC001:"x-tracentic-scope-id"|};
                Forward({|TRC001:"x-tracentic-scope-id"|}, id);
                Forward(value: id, header: {|TRC001:"x-tracentic-scope-id"|});
                Func<string> lambda = () => {|TRC001:"x-tracentic-scope-id"|};
                var picked = id.Length > 0 ? {|TRC001:"x-tracentic-scope-id"|} : "none";
            }
        }
        """);

    [Fact]
    public Task Switch_labels_switch_expressions_and_patterns() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            int M(string name)
            {
                switch (name)
                {
                    case {|TRC001:"x-tracentic-scope-id"|}:
                        return 1;
                }

                if (name is {|TRC001:"X-Tracentic-Scope-Id"|} or "accept")
                {
                    return 2;
                }

                return name switch
                {
                    {|TRC001:"x-tracentic-scope-id"|} => 3,
                    _ => 0,
                };
            }
        }
        """);

    [Fact]
    public Task Any_letter_case_and_any_literal_form() => Verify.DiagnosticsAsync(Verify.Usings + """"
        class C
        {
            string[] All =
            [
                {|TRC001:"X-Tracentic-Scope-Id"|},
                {|TRC001:"X-TRACENTIC-SCOPE-ID"|},
                {|TRC001:@"x-tracentic-scope-id"|},
                {|TRC001:"""x-tracentic-scope-id"""|},
                {|TRC001:"\x78-tracentic-scope-id"|},
            ];
        }
        """");

    [Fact]
    public Task Constant_concatenation_and_interpolation_are_reported_once_as_a_whole() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            const string Prefix = "x-tracentic-";

            string[] All(string id) =>
            [
                {|TRC001:"x-tracentic-" + "scope-id"|},
                {|TRC001:Prefix + "scope-id"|},
                {|TRC001:"X-" + "Tracentic-" + "Scope-" + "Id"|},
                {|TRC001:$"x-tracentic-{"scope-id"}"|},
                {|TRC001:$"{Prefix}scope-id"|},
                {|TRC001:$"x-tracentic-scope-id"|},
                // Not constant: the literal inside is the header, the whole is not.
                {|TRC001:"x-tracentic-scope-id"|} + id,
                id + ": " + {|TRC001:"x-tracentic-scope-id"|},
                $"{{|TRC001:"x-tracentic-scope-id"|}}: {id}",
                // Constant, but not the header (and the literal is judged only as part of it).
                "x-tracentic-scope-id" + ": ",
                "x-tracentic-scope-id" + ": " + id,
                $"header x-tracentic-scope-id is {id}",
            ];
        }
        """);

    [Fact]
    public Task Const_field_and_local_are_reported_at_the_declaration_not_at_each_use() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            private const string Header = {|TRC001:"x-tracentic-scope-id"|};
            private const string Alias = Header;

            void M(HttpRequestMessage request, Dictionary<string, string> headers, string id)
            {
                const string local = {|TRC001:"X-Tracentic-Scope-Id"|};
                request.Headers.Add(Header, id);
                request.Headers.Add(Alias, id);
                request.Headers.Add(local, id);
                headers[Header + ""] = id;
                headers[$"{local}"] = id;
                switch (id)
                {
                    case Header: break;
                }
            }
        }
        """);

    [Fact]
    public Task Initializers_attributes_and_default_values() => Verify.DiagnosticsAsync(Verify.Usings + """
        [AttributeUsage(AttributeTargets.All)]
        sealed class FromHeaderAttribute : Attribute
        {
            public FromHeaderAttribute() { }
            public FromHeaderAttribute(string name) => Name = name;
            public string? Name { get; set; }
        }

        class C
        {
            static readonly string Field = {|TRC001:"x-tracentic-scope-id"|};
            public string Property { get; } = {|TRC001:"x-tracentic-scope-id"|};

            [FromHeader({|TRC001:"x-tracentic-scope-id"|})]
            public string? A { get; set; }

            [FromHeader(Name = {|TRC001:"x-tracentic-scope-id"|})]
            public string? B { get; set; }

            void M([FromHeader(Name = {|TRC001:"x-tracentic-scope-id"|})] string scopeId, string header = {|TRC001:"x-tracentic-scope-id"|}) { }
        }
        """);

    [Fact]
    public Task The_message_names_the_string() => Verify.DiagnosticsAsync(
        Verify.Usings + """
        class C { string H = {|#0:"X-Tracentic-Scope-Id"|}; string G = {|#1:"x-tracentic-" + "scope-id"|}; }
        """,
        new DiagnosticResult(DiagnosticDescriptors.ScopeHeaderLiteral).WithLocation(0).WithArguments("X-Tracentic-Scope-Id")
            .WithMessage("Use TracenticHeaders.Scope instead of the string \"X-Tracentic-Scope-Id\""),
        new DiagnosticResult(DiagnosticDescriptors.ScopeHeaderLiteral).WithLocation(1).WithArguments("x-tracentic-scope-id"));

    [Fact]
    public Task The_constant_itself_and_consts_initialized_from_it_are_not_reported() => Verify.DiagnosticsAsync(Verify.Usings + """
        class C
        {
            const string FromScope = TracenticHeaders.Scope;
            #pragma warning disable CS0618
            const string FromScopeId = TracenticHeaders.ScopeId;
            #pragma warning restore CS0618
            const string Concatenated = TracenticHeaders.Scope + "";
            const string Interpolated = $"{TracenticHeaders.Scope}";

            void M(HttpRequestMessage request, string id)
            {
                request.Headers.Add(TracenticHeaders.Scope, id);
                request.Headers.Add(global::Tracentic.TracenticHeaders.Scope, id);
                request.Headers.Add(FromScope, id);
                request.Headers.Add(FromScopeId, id);
                request.Headers.Add(Concatenated, id);
                request.Headers.Add(Interpolated, id);
                switch (id)
                {
                    case TracenticHeaders.Scope: break;
                }
            }
        }
        """);

    [Fact]
    public Task Text_that_merely_mentions_the_header_is_not_reported() => Verify.DiagnosticsAsync(Verify.Usings + """
        /// <summary>Sends <c>x-tracentic-scope-id</c>.</summary>
        class C
        {
            // "x-tracentic-scope-id" in a comment
            string[] All =
            [
                "send x-tracentic-scope-id to link",
                "x-tracentic-scope-id:",
                "https://example.test/x-tracentic-scope-id",
                "x-tracentic-scope-id-v2-experimental",
                "x-request-id",
            ];

            ReadOnlySpan<byte> Utf8 => "x-tracentic-scope-id"u8;
        }
        """);

    [Fact]
    public Task Generated_code_is_not_analyzed()
    {
        var test = new TracenticCodeFixTest();
        test.TestState.Sources.Add(("Headers.g.cs", """
            class Generated { string H = "x-tracentic-scope-id"; string G = "x-tracentic-scope"; }
            """));
        test.TestState.Sources.Add(("Headers.cs", """
            // <auto-generated/>
            class AlsoGenerated { string H = "x-tracentic-scope-id"; string G = "x-tracentic-scope"; }
            """));
        test.TestState.Sources.Add(("User.cs", """
            class User { string H = {|TRC001:"x-tracentic-scope-id"|}; string G = {|TRC002:"x-tracentic-scope"|}; }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Nothing_is_reported_when_Tracentic_is_not_referenced()
    {
        var test = new TracenticCodeFixTest(referenceTracentic: false)
        {
            TestCode = """
                class C
                {
                    string H = "x-tracentic-scope-id";
                    string G = "x-tracentic-scope";
                    string I = "X_TRACENTIC_SCOPE_ID";
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Nothing_is_reported_inside_TracenticHeaders_itself()
    {
        // The compilation that defines Tracentic.TracenticHeaders (the runtime itself).
        var test = new TracenticCodeFixTest(referenceTracentic: false)
        {
            TestCode = """
                namespace Tracentic
                {
                    public static class TracenticHeaders
                    {
                        public const string Scope = "x-tracentic-scope-id";
                        public const string Legacy = "x-tracentic-scope";
                        public static string Describe() => "x-tracentic-scope-id" + " links scopes";
                        public static class Nested { public const string Again = "X-Tracentic-Scope-Id"; }
                    }

                    public static class Elsewhere
                    {
                        public const string Copy = {|TRC001:"x-tracentic-scope-id"|};
                        public const string Near = {|TRC002:"x-tracentic-scope"|};
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_attribute_and_SuppressMessage_silence_it() => Verify.DiagnosticsAsync(Verify.Usings + """
        using System.CodeDom.Compiler;
        using System.Diagnostics.CodeAnalysis;

        class C
        {
            [GeneratedCode("tool", "1.0")]
            string Generated() => "x-tracentic-scope-id";

            [SuppressMessage("Tracentic.Usage", "TRC001", Justification = "Wire-format test")]
            string Suppressed() => "x-tracentic-scope-id";

            [SuppressMessage("Tracentic.Usage", "TRC002", Justification = "Environment variable")]
            string Variable() => "TRACENTIC_SCOPE_ID";

            string Reported() => {|TRC001:"x-tracentic-scope-id"|};
        }
        """);

    [Fact]
    public Task Editorconfig_severity_none_turns_it_off()
    {
        var test = new TracenticCodeFixTest
        {
            TestCode = """
                class C { string H = "x-tracentic-scope-id"; string G = {|TRC002:"x-tracentic-scope"|}; }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.TRC001.severity = none
            """));
        return test.RunAsync();
    }
}
