namespace Tracentic.Instrumentation;

/// <summary>
/// Records an LLM call as its result goes by: its usage read from the result, or its exception; then ends
/// <paramref name="scope"/> when the call is also a generated scope, so one continuation serves both.
/// </summary>
internal readonly struct LlmCallCompletion<T>(LlmCall call, Func<T, LlmUsage>? usage, TracenticScope? scope) : ICompletionObserver<T>
{
    /// <summary>Whether completion does anything: the call is recorded or a scope waits for it.</summary>
    public bool Observes => call.IsActive || scope is not null;

    public void Succeeded(T result)
    {
        if (call.IsActive)
        {
            call.Succeed(TracenticInstrumentation.ReadUsage(result, usage));
        }
    }

    public bool Failed(Exception exception) => call.Fail(exception);

    public void Finished() => scope?.End();
}
