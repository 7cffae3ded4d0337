namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>What an argument contributes to the scope or span. Nothing else of a call is captured.</summary>
internal enum CaptureKind
{
    None,
    Attribute,
    CorrelationId,
    ParentScopeId,
    Model,
}
