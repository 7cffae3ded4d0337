namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// The caller's async enumerator, step for step: the same items, the same exceptions (recorded in a filter, never
/// caught), and the source disposed when the caller disposes. The items of one page of a paged stream are not the
/// stream's end (<c>endsStream</c>), and pages themselves are not updates (<c>countsAsUpdates</c>). A step that completes synchronously stays synchronous.
/// </summary>
internal sealed class ObservedAsyncEnumerator<T>(IAsyncEnumerator<T> inner, StreamObservation observation, Func<T, LlmUsage>? read, bool countsAsUpdates = true, bool endsStream = true) : IAsyncEnumerator<T>
{
    public T Current => inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        ValueTask<bool> step;
        try
        {
            step = inner.MoveNextAsync();
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw;
        }

        return step.IsCompletedSuccessfully ? new ValueTask<bool>(After(step.Result)) : Awaited(step);
    }

    private async ValueTask<bool> Awaited(ValueTask<bool> step)
    {
        try
        {
            return After(await step.ConfigureAwait(false));
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw;
        }
    }

    private bool After(bool moved)
    {
        if (moved)
        {
            if (countsAsUpdates)
            {
                observation.Update(TracenticInstrumentation.ReadUsage(inner.Current, read));
            }
        }
        else if (endsStream)
        {
            observation.End(completed: true);
        }

        return moved;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (endsStream)
            {
                observation.End(completed: false);
            }
        }
    }
}
