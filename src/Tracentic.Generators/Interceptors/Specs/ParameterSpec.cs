using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <param name="Name">The parameter's name as declared (without <c>@</c>); the emitter escapes keywords.</param>
/// <param name="Type">The fully qualified type, with the interceptor's type parameter names.</param>
/// <param name="IsParams">Declared <c>params</c>.</param>
/// <param name="IsScoped"><c>scoped</c>, declared or implied (a <c>params</c> span is scoped).</param>
/// <param name="IsDynamic">Of type <c>dynamic</c>: generated code passes it on as <c>object</c>, so its calls stay bound at compile time.</param>
/// <param name="Attributes">What the compiler and the trimmer read on the parameter, repeated on the wrapper's.</param>
internal sealed record ParameterSpec(
    string Name,
    string Type,
    ParameterRefKind RefKind,
    bool IsParams,
    bool IsScoped,
    CaptureKind Capture,
    string? AttributeKey,
    bool IsDynamic,
    EquatableArray<AttributeSpec> Attributes);
