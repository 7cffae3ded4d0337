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

    /// <summary>System.ClientModel's <c>AsyncCollectionResult&lt;T&gt;</c> (OpenAI streams): returned as a traced subclass.</summary>
    AsyncCollectionResult,

    /// <summary>System.ClientModel's <c>CollectionResult&lt;T&gt;</c> (OpenAI synchronous streams): returned as a traced subclass.</summary>
    CollectionResult,

    /// <summary><c>IEnumerable&lt;T&gt;</c> of a provider's stream updates: observed as a stream.</summary>
    Enumerable,
}
