using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Diagnostics;

/// <summary>Every diagnostic Tracentic reports. Each help link points to its section of analyzers.md.</summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/tracentic/tracentic-dotnet/blob/main/analyzers.md#";

    // ---- Analyzers (TRC001–TRC099) ----

    public static readonly DiagnosticDescriptor ScopeHeaderLiteral = Create(
        DiagnosticIds.ScopeHeaderLiteral,
        "Use TracenticHeaders.Scope instead of a string literal",
        "Use TracenticHeaders.Scope instead of the string \"{0}\"",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        "The scope header name is a constant in the SDK; a literal copy silently breaks cross-service linking when it drifts or is mistyped.");

    public static readonly DiagnosticDescriptor ScopeHeaderMisspelling = Create(
        DiagnosticIds.ScopeHeaderMisspelling,
        "String looks like a misspelling of the Tracentic scope header",
        "\"{0}\" looks like a misspelling of the scope header \"x-tracentic-scope-id\"; use TracenticHeaders.Scope",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Warning,
        "A header name close to, but not equal to, the scope header is never read by the receiving service, so scopes are silently not linked.");

    // ---- Interceptor generator (TRC100–TRC199) ----

    public static readonly DiagnosticDescriptor InterceptorsNotEnabled = Create(
        DiagnosticIds.InterceptorsNotEnabled,
        "Interceptors are not enabled for Tracentic.Generated",
        "Calls to [TracenticScope]/[TracenticLlmCall] methods cannot be traced because interceptors are not enabled for the Tracentic.Generated namespace; add <InterceptorsNamespaces>$(InterceptorsNamespaces);Tracentic.Generated</InterceptorsNamespaces> to the project file (the Tracentic package does this for you)",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Error,
        "The generator wraps calls with C# interceptors, which the compiler only accepts in namespaces the project opts into.");

    public static readonly DiagnosticDescriptor MethodGroupNotTraced = Create(
        DiagnosticIds.MethodGroupNotTraced,
        "Method group or delegate call is not traced",
        "'{0}' is used as a method group or delegate here; calls made through the delegate will not be traced. Call the method directly (e.g. in a lambda) to trace it.",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "Interceptors replace call sites; a delegate created from a method group calls the method without passing through any call site.");

    public static readonly DiagnosticDescriptor BaseCallNotTraced = Create(
        DiagnosticIds.BaseCallNotTraced,
        "base call is not traced",
        "The call base.{0}() is not traced: wrapping it would call the override again and recurse",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Info,
        "A wrapper can only call a method virtually or through an accessor; neither reproduces a non-virtual base call.");

    public static readonly DiagnosticDescriptor ExpressionTreeNotTraced = Create(
        DiagnosticIds.ExpressionTreeNotTraced,
        "Call inside an expression tree is not traced",
        "The call to '{0}' is inside an expression tree and is not traced: rewriting it would change what a query provider sees",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Info,
        "Expression trees are data interpreted by query providers; an interceptor would replace the method they expect to translate.");

    public static readonly DiagnosticDescriptor AsyncVoidNotTraced = Create(
        DiagnosticIds.AsyncVoidNotTraced,
        "async void method is not traced",
        "'{0}' is async void: its completion cannot be observed, so calls to it are not traced. Return Task instead.",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "An async void method returns before it completes and reports exceptions to the synchronization context, so no span could be timed or failed.");

    public static readonly DiagnosticDescriptor ByRefReturnNotTraced = Create(
        DiagnosticIds.ByRefReturnNotTraced,
        "Method returning by reference or a ref struct is not traced",
        "'{0}' returns {1}; calls to it are not traced",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "A wrapper must hold the result while it records the span, which by-ref and ref struct results do not allow.");

    public static readonly DiagnosticDescriptor NoUsagePath = Create(
        DiagnosticIds.NoUsagePath,
        "No token usage found on the LLM call's result",
        "'{1}' returns '{0}', which carries no token usage Tracentic can read: its spans will have no tokens and no cost. " +
        "Return the provider's response as the SDK gives it (ChatCompletion, ClientResult<ChatCompletion>, Message, ChatResponse, " +
        "or their streams), or name the members on the attribute, e.g. [TracenticLlmCall(InputTokens = \"Usage.Input\", OutputTokens = \"Usage.Output\")].",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "Token usage is read at compile time from the result type; without it the span has no tokens and no cost.");

    public static readonly DiagnosticDescriptor InvalidMemberPath = Create(
        DiagnosticIds.InvalidMemberPath,
        "Member path on [TracenticLlmCall] does not exist",
        "{0} = \"{1}\" does not name a readable {2} member path on '{3}': {4}",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Error,
        "Override paths are checked at compile time so that a typo fails the build instead of silently recording nothing.");

    public static readonly DiagnosticDescriptor UnreachableMethod = Create(
        DiagnosticIds.UnreachableMethod,
        "Method cannot be reached from generated code",
        "Calls to '{0}' are not traced: {1}",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "Interceptors live in the Tracentic.Generated namespace and reach private members through [UnsafeAccessor], which has limits on some target frameworks.");

    public static readonly DiagnosticDescriptor GeneratorFault = Create(
        DiagnosticIds.GeneratorFault,
        "Tracentic generator failed on this call",
        "The Tracentic generator failed on this call and left it untraced: {0}. This is a bug in Tracentic; please report it with this message.",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "The generator never fails the build; an unexpected error becomes this diagnostic instead.");

    public static readonly DiagnosticDescriptor TypeParameterCallNotTraced = Create(
        DiagnosticIds.TypeParameterCallNotTraced,
        "Call through a type parameter is not traced",
        "This call to '{0}' through type parameter '{1}' is not traced: {2}. Constrain '{1}' to 'class', call through the concrete type, or trace it by hand with ITracentic.Begin/RecordSpan.",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "An interceptor names the interface member, not the type parameter: a struct receiver would be boxed (the method would change a copy) and a static abstract member cannot be named. Such calls are left exactly as written.");

    public static readonly DiagnosticDescriptor AttributeHasNoEffect = Create(
        DiagnosticIds.AttributeHasNoEffect,
        "Tracing attribute has no effect on this member",
        "[{0}] on '{1}' has no effect: {2}",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "Only calls written as method invocations can be intercepted; operators, conversions and accessors are applied without one.");

    public static readonly DiagnosticDescriptor GenericStructThisCallNotTraced = Create(
        DiagnosticIds.GenericStructThisCallNotTraced,
        "Call on 'this' inside a generic struct is not traced",
        "This call to '{0}' on 'this' is not traced: the compiler passes an interceptor a copy of a generic struct's 'this', so the method would change the copy. Call it on a variable of '{1}' from outside, make the method readonly if it does not change the struct, or trace it by hand with ITracentic.Begin.",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "Interceptors of members of generic types are generic methods, and the C# compiler copies a generic struct's 'this' when it passes it to one. Such calls are left exactly as written.");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        DiagnosticIds.LanguageVersionTooLow,
        "The project's C# version is too low for Tracentic's interceptors",
        "Calls to [TracenticScope]/[TracenticLlmCall] methods are not traced: this project compiles as C# {0}, and the interceptors Tracentic generates need C# 11 or later. Set <LangVersion>11</LangVersion> or later in the project file (or remove the <LangVersion> setting to use the SDK's default).",
        DiagnosticCategories.Generator,
        DiagnosticSeverity.Warning,
        "The generated interceptors are file-local classes with scoped parameters, which C# 10 and earlier do not have. Below C# 11 the generator emits nothing and every call runs exactly as written, untraced.");

    /// <summary>The descriptor with the given id (models carry ids, not descriptors).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        DiagnosticIds.ScopeHeaderLiteral => ScopeHeaderLiteral,
        DiagnosticIds.ScopeHeaderMisspelling => ScopeHeaderMisspelling,
        DiagnosticIds.InterceptorsNotEnabled => InterceptorsNotEnabled,
        DiagnosticIds.MethodGroupNotTraced => MethodGroupNotTraced,
        DiagnosticIds.BaseCallNotTraced => BaseCallNotTraced,
        DiagnosticIds.ExpressionTreeNotTraced => ExpressionTreeNotTraced,
        DiagnosticIds.AsyncVoidNotTraced => AsyncVoidNotTraced,
        DiagnosticIds.ByRefReturnNotTraced => ByRefReturnNotTraced,
        DiagnosticIds.NoUsagePath => NoUsagePath,
        DiagnosticIds.InvalidMemberPath => InvalidMemberPath,
        DiagnosticIds.UnreachableMethod => UnreachableMethod,
        DiagnosticIds.TypeParameterCallNotTraced => TypeParameterCallNotTraced,
        DiagnosticIds.AttributeHasNoEffect => AttributeHasNoEffect,
        DiagnosticIds.GenericStructThisCallNotTraced => GenericStructThisCallNotTraced,
        DiagnosticIds.LanguageVersionTooLow => LanguageVersionTooLow,
        _ => GeneratorFault,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description,
            helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
