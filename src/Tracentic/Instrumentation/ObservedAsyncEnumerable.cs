namespace Tracentic.Instrumentation;

/// <summary>
/// A streamed response as the caller sees it through a wrapper: every call the caller makes is forwarded to the
/// source at once (<c>GetAsyncEnumerator</c>, <c>MoveNextAsync</c>, <c>Current</c>, <c>DisposeAsync</c>), so the
/// source starts, steps and ends exactly when it would have; the wrapper only watches, with the scope ambient
/// around each step.
/// </summary>
internal sealed class ObservedAsyncEnumerable<T>(IAsyncEnumerable<T> source, TracenticScope? scope, LlmCall call, Func<T, LlmUsage>? usage)
    : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using (TracenticInstrumentation.Activate(scope))
        {
            var observation = call.IsActive ? new Providers.StreamObservation(call) : null;
            IAsyncEnumerator<T> inner;
            try
            {
                inner = source.GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception exception) when (observation?.Fail(exception) ?? false)
            {
                throw; // never reached: Fail returns false, so the exception travels on untouched
            }

            return new ObservedAsyncEnumerator<T>(inner, scope, observation, usage);
        }
    }
}
