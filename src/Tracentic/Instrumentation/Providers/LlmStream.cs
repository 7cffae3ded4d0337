using System.ComponentModel;

namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// One streamed LLM response carried by a synchronous <c>IEnumerable&lt;T&gt;</c> or by an SDK's paged
/// <c>AsyncCollectionResult&lt;T&gt;</c>/<c>CollectionResult&lt;T&gt;</c>: the span runs from the call to the end
/// of the first enumeration and adds up what each update carries. An enumeration that throws is an error span;
/// one disposed early is recorded with <c>llm.stream.completed = false</c>. Later enumerations pass straight
/// through (they are new requests the call site did not make).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmStream<T>
{
    private readonly LlmCall _call;
    private readonly Func<T, LlmUsage>? _read;
    private int _enumerated;
    private PagedObservation<T>? _paged;

    /// <summary>Observes the stream of <paramref name="call"/>; <paramref name="read"/> reads one update.</summary>
    public LlmStream(LlmCall call, Func<T, LlmUsage>? read)
    {
        _call = call;
        _read = read;
    }

    /// <summary>An enumerator over <paramref name="source"/> that records the call (the first time only).</summary>
    public IEnumerator<T> Enumerate(IEnumerable<T> source)
    {
        if (!TakeFirst())
        {
            return source.GetEnumerator();
        }

        var observation = new StreamObservation(_call);
        try
        {
            return new ObservedEnumerator<T>(source.GetEnumerator(), observation, _read);
        }
        catch (Exception exception) when (observation.Fail(exception))
        {
            throw; // not reached: the filter records and returns false, so the exception flies on untouched
        }
    }

    /// <summary>The observer of <paramref name="call"/>'s stream, or null when nothing is recorded.</summary>
    public static LlmStream<T>? For(LlmCall call, Func<T, LlmUsage>? read)
    {
        call.LeaveActivity(); // the caller continues under its own activity while the stream runs
        return call.IsActive ? new LlmStream<T>(call, read) : null;
    }

    /// <summary>
    /// Wraps a synchronous stream (an <c>IEnumerable&lt;T&gt;</c> of stream updates) when a call is being recorded;
    /// returns it unchanged otherwise (null stays null). Async streams go through <c>TracenticInstrumentation.Observe</c>.
    /// </summary>
    public static IEnumerable<T> Observe(IEnumerable<T> source, LlmCall call, Func<T, LlmUsage>? read)
    {
        call.LeaveActivity();
        return source is not null && call.IsActive ? new ObservedEnumerable(source, new LlmStream<T>(call, read)) : source!;
    }

    /// <summary>
    /// The pages of a paged stream (System.ClientModel's <c>GetRawPagesAsync()</c>): the first enumeration of them is the
    /// span (start, end, request errors). <see cref="ObservePageItems(IAsyncEnumerable{T})"/> adds the items of each page.
    /// </summary>
    public IAsyncEnumerable<TPage> ObservePages<TPage>(IAsyncEnumerable<TPage> pages) => new ObservedPages<TPage, T>(pages, Paged);

    /// <summary>The items of one page of a paged stream, as updates of the span the pages began.</summary>
    public IAsyncEnumerable<T> ObservePageItems(IAsyncEnumerable<T> items) => new ObservedPageItems<T>(items, Paged);

    /// <inheritdoc cref="ObservePages{TPage}(IAsyncEnumerable{TPage})"/>
    public IEnumerable<TPage> ObservePages<TPage>(IEnumerable<TPage> pages) => new ObservedSyncPages<TPage, T>(pages, Paged);

    /// <inheritdoc cref="ObservePageItems(IAsyncEnumerable{T})"/>
    public IEnumerable<T> ObservePageItems(IEnumerable<T> items) => new ObservedSyncPageItems<T>(items, Paged);

    private PagedObservation<T> Paged => _paged ??= new PagedObservation<T>(this, _call);

    internal bool TakeFirstEnumeration() => TakeFirst();

    private bool TakeFirst() => _call.IsActive && Interlocked.Exchange(ref _enumerated, 1) == 0;

    internal LlmUsage Read(T item) => TracenticInstrumentation.ReadUsage(item, _read);

    private sealed class ObservedEnumerable(IEnumerable<T> source, LlmStream<T> stream) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator() => stream.Enumerate(source);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
