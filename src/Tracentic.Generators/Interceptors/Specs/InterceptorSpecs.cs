using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How the wrapper reaches the receiver and calls the original method.</summary>
internal enum ReceiverKind
{
    /// <summary><c>global::Type.Method(args)</c>.</summary>
    Static,

    /// <summary><c>@this.Method(args)</c> with a <c>this Type @this</c> parameter.</summary>
    Instance,

    /// <summary>A struct receiver passed as <c>this ref</c>.</summary>
    InstanceRef,

    /// <summary>A struct receiver of a readonly member, passed as <c>this in</c>.</summary>
    InstanceIn,

    /// <summary>A classic extension method: static, first parameter marked <c>this</c>.</summary>
    Extension,
}

/// <summary>How the method's result completes: decides which runtime helper times the call.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,

    /// <summary>OpenAI's <c>AsyncCollectionResult&lt;T&gt;</c>: a lazy stream, returned as a traced subclass.</summary>
    AsyncCollectionResult,

    /// <summary>OpenAI's <c>CollectionResult&lt;T&gt;</c>: a lazy synchronous stream, returned as a traced subclass.</summary>
    CollectionResult,

    /// <summary><c>IEnumerable&lt;T&gt;</c> of a provider's stream updates: traced as a stream.</summary>
    Enumerable,
}

/// <summary>What an argument contributes to the scope or span. Nothing else of a call is captured.</summary>
internal enum CaptureKind
{
    None,
    Attribute,
    CorrelationId,
    ParentScopeId,
    Model,
}

/// <param name="AsString">The argument as a string expression (for ids and models), e.g. <c>id?.ToString()</c>.</param>
internal sealed record ParameterSpec(
    string Name,
    string Type,
    string RefKind,
    string AsString,
    CaptureKind Capture,
    string? AttributeKey);

internal sealed record TypeParameterSpec(string Name, string? Constraints);

internal sealed record ScopeSpec(string Name);

/// <param name="InputMessages">The call's input messages read from its arguments while content capture is on (an expression), or null.</param>
internal sealed record LlmSpec(string? Provider, string? Model, string? OperationType, ResponseReadSpec? Usage, string? InputMessages = null);

/// <summary>
/// Everything that shapes one interceptor: the target method and what its wrapper records. Call sites
/// with equal specs share one interceptor.
/// </summary>
internal sealed record MethodSpec
{
    public required string ContainingType { get; init; }
    public required string MethodName { get; init; }
    /// <summary><c>Type.Method</c>, the default scope name and the span's <c>code.function</c>.</summary>
    public required string DisplayName { get; init; }
    public required ReceiverKind Receiver { get; init; }
    public required ReturnKind ReturnKind { get; init; }
    public required string ReturnType { get; init; }
    /// <summary>T of <c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>, or the item of a stream.</summary>
    public string? ResultType { get; init; }
    public required EquatableArray<ParameterSpec> Parameters { get; init; }
    /// <summary>The containing type's type parameters (outermost first).</summary>
    public required EquatableArray<TypeParameterSpec> TypeTypeParameters { get; init; }
    public required EquatableArray<TypeParameterSpec> MethodTypeParameters { get; init; }
    /// <summary>The method is not accessible from generated code and is called through <c>[UnsafeAccessor]</c>.</summary>
    public required bool UsesAccessor { get; init; }
    /// <summary>Open generic form of the containing type for the accessor class, e.g. <c>global::Box&lt;T&gt;</c>.</summary>
    public required string AccessorTargetType { get; init; }
    public required bool ReceiverIsValueType { get; init; }
    public ScopeSpec? Scope { get; init; }
    public LlmSpec? Llm { get; init; }
    /// <summary>Where the annotated method is declared (absolute path, 1-based line), for <c>code.filepath</c>/<c>code.lineno</c>.</summary>
    public string? DeclarationPath { get; init; }
    public int DeclarationLine { get; init; }
}

/// <summary>An interceptable call site: the v1 location data plus a readable <c>path(line,col)</c>.</summary>
internal sealed record CallLocationSpec(int Version, string Data, string FilePath, int Line, int Column);

internal sealed record CallSiteSpec(MethodSpec Method, CallLocationSpec Location);

/// <summary>
/// The parser's answer for one syntax node: a call to wrap, diagnostics (skipped calls, problems found on
/// the way), or both.
/// </summary>
internal sealed record CallSiteResult(CallSiteSpec? Site, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static CallSiteResult Report(DiagnosticInfo diagnostic) => new(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
}

/// <summary>Project facts the generator needs: whether interceptors are enabled, and where the project lives.</summary>
internal sealed record ProjectSpec(bool InterceptorsEnabled, string? ProjectDirectory);
