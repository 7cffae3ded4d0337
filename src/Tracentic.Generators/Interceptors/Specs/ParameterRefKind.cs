namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How a parameter is passed.</summary>
internal enum ParameterRefKind
{
    None,
    Ref,
    Out,
    In,
    RefReadOnly,
}
