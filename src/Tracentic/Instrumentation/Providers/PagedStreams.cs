namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// Observation of a stream delivered page by page (System.ClientModel's collection results, whose enumerator is not
/// virtual): the pages mark the stream's start, end and request errors, the items of each page its updates.
/// </summary>
internal sealed class PagedObservation<T>(LlmStream<T> stream, LlmCall call)
{
    private StreamObservation? _current;

    /// <summary>Starts observing when the first enumeration of the pages begins; null for later ones.</summary>
    public StreamObservation? Start() => _current is null && stream.TakeFirstEnumeration() ? _current = new StreamObservation(call) : null;

    public StreamObservation? Current => _current;

    public LlmUsage Read(T item) => stream.Read(item);
}

internal sealed class ObservedPages<TPage, T>(IAsyncEnumerable<TPage> pages, PagedObservation<T> owner) : IAsyncEnumerable<TPage>
{
    public IAsyncEnumerator<TPage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (owner.Start() is not { } observation)
        {
            return pages.GetAsyncEnumerator(cancellationToken);
        }

        try
        {
            return new ObservedAsyncEnumerator<TPage>(pages.GetAsyncEnumerator(cancellationToken), null, observation, null, countsAsUpdates: false);
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw;
        }
    }
}

internal sealed class ObservedPageItems<T>(IAsyncEnumerable<T> items, PagedObservation<T> owner) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        owner.Current is { } observation
            ? new ObservedAsyncEnumerator<T>(items.GetAsyncEnumerator(cancellationToken), null, observation, owner.Read, endsStream: false)
            : items.GetAsyncEnumerator(cancellationToken);
}

internal sealed class ObservedSyncPages<TPage, T>(IEnumerable<TPage> pages, PagedObservation<T> owner) : IEnumerable<TPage>
{
    public IEnumerator<TPage> GetEnumerator()
    {
        if (owner.Start() is not { } observation)
        {
            return pages.GetEnumerator();
        }

        try
        {
            return new ObservedEnumerator<TPage>(pages.GetEnumerator(), observation, null, countsAsUpdates: false);
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

internal sealed class ObservedSyncPageItems<T>(IEnumerable<T> items, PagedObservation<T> owner) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() =>
        owner.Current is { } observation
            ? new ObservedEnumerator<T>(items.GetEnumerator(), observation, owner.Read, endsStream: false)
            : items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
