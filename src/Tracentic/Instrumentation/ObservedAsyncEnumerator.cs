using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Tracentic.Instrumentation;

/// <summary>
/// The enumerator of <see cref="ObservedAsyncEnumerable{T}"/>: forwards each call and records one span at the end. A
/// step that is still running is handed to the caller as a value task over this enumerator, which passes every
/// question of the caller's await to the source's own step (see <see cref="ObservedValueTaskSource{T}"/>).
/// </summary>
internal sealed class ObservedAsyncEnumerator<T>(IAsyncEnumerator<T> inner, TracenticScope? scope, LlmCall call, Func<T, LlmUsage>? usage)
    : IAsyncEnumerator<T>, IValueTaskSource<bool>
{
    private static readonly KeyValuePair<string, object?>[] Incomplete = [new("llm.stream.completed", false)];

    private long? _inputTokens;
    private long? _outputTokens;
    private string? _model;
    private long? _firstItemTimestamp;
    private int _recorded; // 0 until the span is recorded; recorded once whatever the caller does
    private ValueTask<bool> _step; // the source's step in flight, while the caller awaits it through this
    private short _version;

    public T Current => inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        using (TracenticInstrumentation.Activate(scope))
        {
            ValueTask<bool> step;
            try
            {
                step = inner.MoveNextAsync();
            }
            catch (Exception exception) when (Failed(exception))
            {
                throw; // never reached
            }

            if (!call.IsActive)
            {
                return step;
            }

            if (step.IsCompletedSuccessfully)
            {
                var moved = step.Result; // a value task is read once: hand the caller the value instead
                OnMoved(moved);
                return new ValueTask<bool>(moved);
            }

            _step = step;
            return new ValueTask<bool>(this, ++_version);
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) =>
        ValueTaskStatus.Of(_step.IsCompleted, _step.IsCompletedSuccessfully, _step.IsCanceled);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ValueTaskStatus.OnCompleted(_step.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter(), continuation, state, flags);

    [StackTraceHidden]
    bool IValueTaskSource<bool>.GetResult(short token)
    {
        bool moved;
        try
        {
            moved = _step.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (Failed(exception))
        {
            throw; // never reached
        }

        OnMoved(moved);
        return moved;
    }

    public ValueTask DisposeAsync()
    {
        using (TracenticInstrumentation.Activate(scope))
        {
            // Disposed before the end: the span closes now, marked incomplete.
            Record(null, Incomplete);
            return inner.DisposeAsync();
        }
    }

    private void OnMoved(bool moved)
    {
        if (!moved)
        {
            Record(null, null);
            return;
        }

        _firstItemTimestamp ??= (TracenticSdk.Instance?.Clock ?? TimeProvider.System).GetTimestamp();

        // Providers report usage on some chunks only (often the last): keep the latest non-null values.
        var seen = TracenticInstrumentation.ReadUsage(inner.Current, usage);
        _inputTokens = seen.InputTokens ?? _inputTokens;
        _outputTokens = seen.OutputTokens ?? _outputTokens;
        _model = seen.Model ?? _model;
    }

    private bool Failed(Exception exception)
    {
        Record(exception, null);
        return false;
    }

    private void Record(Exception? exception, KeyValuePair<string, object?>[]? extra)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            call.Record(new LlmUsage(_inputTokens, _outputTokens, _model), exception, extra, _firstItemTimestamp);
        }
    }
}
