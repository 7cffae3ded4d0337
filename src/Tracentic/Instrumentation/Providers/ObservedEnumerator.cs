namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// The caller's enumerator, step for step: the same items, the same exceptions (recorded in a filter, never
/// caught), and the source disposed when the caller disposes. The items of one page of a paged stream are not the
/// stream's end (<c>endsStream</c>), and pages themselves are not updates (<c>countsAsUpdates</c>).
/// </summary>
internal sealed class ObservedEnumerator<T>(IEnumerator<T> inner, StreamObservation observation, Func<T, LlmUsage>? read, bool countsAsUpdates = true, bool endsStream = true) : IEnumerator<T>
{
    public T Current => inner.Current;

    object? System.Collections.IEnumerator.Current => inner.Current;

    public bool MoveNext()
    {
        try
        {
            if (!inner.MoveNext())
            {
                if (endsStream)
                {
                    observation.End(completed: true);
                }

                return false;
            }
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw;
        }

        if (countsAsUpdates)
            {
                observation.Update(TracenticInstrumentation.ReadUsage(inner.Current, read));
            }
        return true;
    }

    public void Reset() => inner.Reset();

    public void Dispose()
    {
        try
        {
            inner.Dispose();
        }
        finally
        {
            if (endsStream)
            {
                observation.End(completed: false); // no-op when the stream already ended
            }
        }
    }
}
