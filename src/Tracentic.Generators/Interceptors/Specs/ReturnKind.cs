namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>How the method's result completes: decides which runtime helper observes the call.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
}
