namespace Tracentic.Instrumentation;

/// <summary>
/// What a wrapper does when the call it watches completes, without changing what the caller gets: record an LLM call
/// (<see cref="LlmCallCompletion{T}"/>) or end a scope (<see cref="ScopeEnd{T}"/>). A struct, so forwarding a value task
/// costs one object whatever is watched.
/// </summary>
internal interface ICompletionObserver<in T>
{
    void Succeeded(T result);

    /// <summary>Called from an exception filter: returns false, so the exception travels on untouched.</summary>
    bool Failed(Exception exception);

    /// <summary>Called after success or failure, as a <c>finally</c> block is.</summary>
    void Finished();
}
