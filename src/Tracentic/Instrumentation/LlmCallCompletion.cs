namespace Tracentic.Instrumentation;

/// <summary>Records an LLM call as its result goes by: its usage read from the result, or its exception.</summary>
internal readonly struct LlmCallCompletion<T>(LlmCall call, Func<T, LlmUsage>? usage) : ICompletionObserver<T>
{
    public void Succeeded(T result) => call.Succeed(TracenticInstrumentation.ReadUsage(result, usage));

    public bool Failed(Exception exception) => call.Fail(exception);

    public void Finished()
    {
    }
}
