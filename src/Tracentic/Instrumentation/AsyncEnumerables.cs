namespace Tracentic.Instrumentation;

/// <summary>Makes a scope ambient around every step of an enumeration, so async iterators see it inside.</summary>
internal sealed class ScopedAsyncEnumerable<T>(IAsyncEnumerable<T> source, TracenticScope scope) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using (scope.Activate())
        {
            return new Enumerator(source.GetAsyncEnumerator(cancellationToken), scope);
        }
    }

    private sealed class Enumerator(IAsyncEnumerator<T> inner, TracenticScope scope) : IAsyncEnumerator<T>
    {
        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            // The iterator body runs (and captures the execution context) inside MoveNextAsync.
            using (scope.Activate())
            {
                return inner.MoveNextAsync();
            }
        }

        public ValueTask DisposeAsync()
        {
            using (scope.Activate())
            {
                return inner.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// One LLM span over a streamed response: it ends when the enumeration completes, throws (error span),
/// or is disposed early (recorded with <c>llm.stream.completed = false</c>).
/// </summary>
internal sealed class TrackedAsyncEnumerable<T>(IAsyncEnumerable<T> source, LlmCall call, Func<T, LlmUsage>? usage) : IAsyncEnumerable<T>
{
    private static readonly KeyValuePair<string, object?>[] Incomplete = [new("llm.stream.completed", false)];

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        long? inputTokens = null, outputTokens = null;
        string? model = null;
        long? firstItem = null;
        var completed = false;
        var failed = false;
        var clock = TracenticSdk.Instance?.Clock ?? TimeProvider.System;
        IAsyncEnumerator<T> inner;
        try
        {
            inner = source.GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex)
        {
            call.Fail(ex);
            throw;
        }

        try
        {
            while (true)
            {
                T item;
                try
                {
                    if (!await inner.MoveNextAsync().ConfigureAwait(false))
                    {
                        completed = true;
                        break;
                    }

                    item = inner.Current;
                }
                catch (Exception ex)
                {
                    failed = true;
                    call.Record(new LlmUsage(inputTokens, outputTokens, model), ex, null, firstItem);
                    throw;
                }

                firstItem ??= clock.GetTimestamp();

                // Providers report usage on some chunks only (often the last): keep the latest non-null values.
                var seen = TracenticInstrumentation.ReadUsage(item, usage);
                inputTokens = seen.InputTokens ?? inputTokens;
                outputTokens = seen.OutputTokens ?? outputTokens;
                model = seen.Model ?? model;
                yield return item;
            }
        }
        finally
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            if (!failed)
            {
                call.Record(new LlmUsage(inputTokens, outputTokens, model), null, completed ? null : Incomplete, firstItem);
            }
        }
    }
}
