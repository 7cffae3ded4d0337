namespace Tracentic.Generators.Diagnostics;

/// <summary>Every TRC id in one place: TRC001–TRC099 analyzers, TRC100–TRC199 generator.</summary>
internal static class DiagnosticIds
{
    // Analyzers on user code.
    public const string ScopeHeaderLiteral = "TRC001";
    public const string ScopeHeaderMisspelling = "TRC002";

    // Interceptor generator.
    public const string InterceptorsNotEnabled = "TRC100";
    public const string MethodGroupNotTraced = "TRC101";
    public const string BaseCallNotTraced = "TRC102";
    public const string ExpressionTreeNotTraced = "TRC103";
    public const string AsyncVoidNotTraced = "TRC104";
    public const string ByRefReturnNotTraced = "TRC105";
    public const string NoUsagePath = "TRC106";
    public const string InvalidMemberPath = "TRC107";
    public const string UnreachableMethod = "TRC108";
    public const string GeneratorFault = "TRC109";
    public const string TypeParameterCallNotTraced = "TRC110";
    public const string AttributeHasNoEffect = "TRC111";
    public const string GenericStructThisCallNotTraced = "TRC112";
    public const string LanguageVersionTooLow = "TRC113";
}

/// <summary>Diagnostic categories.</summary>
internal static class DiagnosticCategories
{
    public const string Usage = "Tracentic.Usage";
    public const string Generator = "Tracentic.Generator";
}
