namespace Tracentic.Instrumentation;

/// <summary>Ends a scope when the call it wraps has completed, successfully or not.</summary>
internal readonly struct ScopeEnd<T>(TracenticScope scope) : ICompletionObserver<T>
{
    public void Succeeded(T result)
    {
    }

    public bool Failed(Exception exception) => false;

    public void Finished() => scope.End();
}
