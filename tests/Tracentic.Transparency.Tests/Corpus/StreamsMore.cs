// More iterator and stream shapes: returned collections keep their identity, enumerators are disposed when the
// caller disposes them, streams annotated with a scope, moves after the end, disposing twice, re-enumeration.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class StreamsMore
{
    private static readonly List<int> s_list = [1, 2, 3];

    [TracenticScope]
    public static IEnumerable<int> ReturnsList() => s_list;

    [TracenticLlmCall(Provider = "corpus")]
    public static IEnumerable<Reply> LlmItems()
    {
        Log.Write("LlmItems body starts");
        try
        {
            yield return new Reply { Text = "one" };
            yield return new Reply { Text = "two" };
        }
        finally
        {
            Log.Write("LlmItems finally");
        }
    }

    [TracenticScope]
    public static IEnumerator<int> Enumerator()
    {
        Log.Write("Enumerator body starts");
        yield return 1;
        Log.Write("Enumerator after first");
    }

    [TracenticScope]
    public static IEnumerable NonGeneric()
    {
        Log.Write("NonGeneric body starts");
        yield return "x";
    }

    [TracenticScope]
    public static IEnumerable<int> ThrowingItems()
    {
        yield return 1;
        throw new CorpusException("iterator failed");
    }

    [TracenticScope]
    public static async IAsyncEnumerable<int> ScopeStream()
    {
        Log.Write("ScopeStream body starts");
        try
        {
            await Task.Yield();
            yield return 1;
            yield return 2;
        }
        finally
        {
            Log.Write("ScopeStream finally");
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static IAsyncEnumerable<Reply> FromList() => ToAsync(s_list);

    private static async IAsyncEnumerable<Reply> ToAsync(List<int> items)
    {
        foreach (var i in items)
        {
            await Task.Yield();
            yield return new Reply { Text = "l" + i };
        }
    }

    [Shape("iterator.returned-list-keeps-identity")]
    public static void ListIdentity()
    {
        var items = ReturnsList();
        Log.Write("is List<int>: " + (items is List<int>) + ", " + Log.Identity(items, s_list));
    }

    [Shape("iterator.llm-lazy-and-full")]
    public static void LlmLazy()
    {
        var items = LlmItems();
        Log.Write("LlmItems returned");
        Log.Write("texts " + string.Join(",", items.Select(r => r.Text)));
    }

    [Shape("iterator.dispose-without-move")]
    public static void DisposeWithoutMove()
    {
        var enumerator = LlmItems().GetEnumerator();
        Log.Write("got enumerator");
        enumerator.Dispose();
        Log.Write("disposed");
    }

    [Shape("iterator.dispose-after-first-move")]
    public static void DisposeAfterFirst()
    {
        var enumerator = LlmItems().GetEnumerator();
        Log.Write("move " + enumerator.MoveNext() + " " + enumerator.Current.Text);
        enumerator.Dispose();
        Log.Write("disposed");
    }

    [Shape("iterator.enumerator-returning-method")]
    public static void EnumeratorMethod()
    {
        var e = Enumerator();
        Log.Write("Enumerator returned");
        Log.Write("move " + e.MoveNext() + " " + e.Current);
        Log.Write("move " + e.MoveNext());
    }

    [Shape("iterator.non-generic")]
    public static void NonGenericShape()
    {
        var items = NonGeneric();
        Log.Write("NonGeneric returned");
        foreach (var item in items)
        {
            Log.Write("got " + item);
        }
    }

    [Shape("iterator.throws-during-enumeration")]
    public static void ThrowingIterator()
    {
        try
        {
            foreach (var i in ThrowingItems())
            {
                Log.Write("got " + i);
            }
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("iterator.enumerated-by-linq-later")]
    public static void Linq()
    {
        var query = Streams.Items(4).Where(i => i % 2 == 0);
        Log.Write("query built");
        Log.Write("sum " + query.Sum());
    }

    [Shape("stream.scope-annotated")]
    public static async Task ScopeAnnotated()
    {
        var stream = ScopeStream();
        Log.Write("ScopeStream returned");
        await foreach (var i in stream)
        {
            Log.Write("got " + i);
        }
    }

    [Shape("stream.enumerated-twice")]
    public static async Task EnumeratedTwice()
    {
        var stream = Streams.Replies(1);
        await foreach (var r in stream)
        {
            Log.Write("first pass " + r.Text);
        }

        await foreach (var r in stream)
        {
            Log.Write("second pass " + r.Text);
        }
    }

    [Shape("stream.move-after-end-and-dispose-twice")]
    public static async Task MoveAfterEnd()
    {
        var e = Streams.HandWritten().GetAsyncEnumerator();
        while (await e.MoveNextAsync())
        {
            Log.Write("got " + e.Current.Text);
        }

        Log.Write("move after end " + await e.MoveNextAsync());
        await e.DisposeAsync();
        await e.DisposeAsync();
        Log.Write("disposed twice");
    }

    [Shape("stream.two-enumerators-interleaved")]
    public static async Task Interleaved()
    {
        var stream = FromList();
        var a = stream.GetAsyncEnumerator();
        var b = stream.GetAsyncEnumerator();
        await a.MoveNextAsync();
        await b.MoveNextAsync();
        await b.MoveNextAsync();
        Log.Write("a " + a.Current.Text + ", b " + b.Current.Text);
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Shape("stream.configure-await-false")]
    public static async Task ConfigureAwaitFalse()
    {
        await foreach (var r in Streams.Replies(2).ConfigureAwait(false))
        {
            Log.Write("got " + r.Text);
        }
    }

    [Shape("stream.cancel-before-first-move")]
    public static async Task CancelBeforeFirstMove()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Streams.Replies(2).GetAsyncEnumerator(cts.Token);
        try
        {
            await e.MoveNextAsync();
            Log.Write("moved");
        }
        catch (OperationCanceledException ex)
        {
            Log.Write("caught " + ex.GetType().Name);
        }
        finally
        {
            await e.DisposeAsync();
        }
    }
}

/// <summary>
/// A hand-written stream whose moves complete later (once awaited) and which logs every call on it: the Current
/// getter, OnCompleted with the caller's flags, GetResult. A wrapper must not read Current or await for the caller.
/// </summary>
public sealed class PendingStream : IAsyncEnumerable<Reply>
{
    public IAsyncEnumerator<Reply> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator();

    private sealed class Enumerator : IAsyncEnumerator<Reply>, System.Threading.Tasks.Sources.IValueTaskSource<bool>
    {
        private System.Threading.Tasks.Sources.ManualResetValueTaskSourceCore<bool> _core;
        private volatile bool _awaited;
        private int _index;

        public Reply Current
        {
            get
            {
                Log.Write("source Current read");
                return new Reply { Text = "item" + _index };
            }
        }

        public ValueTask<bool> MoveNextAsync()
        {
            Log.Write("source MoveNextAsync " + _index);
            _core.Reset();
            _awaited = false;
            var more = ++_index <= 2;
            _ = Task.Run(() =>
            {
                SpinWait.SpinUntil(() => _awaited, TimeSpan.FromSeconds(5));
                _core.SetResult(more);
            });
            return new ValueTask<bool>(this, _core.Version);
        }

        public ValueTask DisposeAsync()
        {
            Log.Write("source DisposeAsync");
            return default;
        }

        public bool GetResult(short token)
        {
            Log.Write("source GetResult");
            return _core.GetResult(token);
        }

        public System.Threading.Tasks.Sources.ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, System.Threading.Tasks.Sources.ValueTaskSourceOnCompletedFlags flags)
        {
            Log.Write("source OnCompleted, flags " + flags);
            _core.OnCompleted(continuation, state, token, flags);
            _awaited = true;
        }
    }
}

public static class PendingStreams
{
    [TracenticLlmCall(Provider = "corpus")]
    public static IAsyncEnumerable<Reply> Pending() => new PendingStream();

    [Shape("stream.hand-written-pending-moves")]
    public static async Task PendingMoves()
    {
        await foreach (var r in Pending())
        {
            Log.Write("caller got " + r.Text);
        }
    }

    [Shape("stream.hand-written-pending-moves-configure-await-false")]
    public static async Task PendingMovesConfigureAwaitFalse()
    {
        await foreach (var r in Pending().ConfigureAwait(false))
        {
            Log.Write("caller got " + r.Text);
        }
    }

    [Shape("stream.hand-written-pending-moves-in-a-synchronization-context")]
    public static void PendingMovesInContext()
    {
        var context = new CountingContext();
        var count = context.Run(async () =>
        {
            var n = 0;
            await foreach (var r in Pending())
            {
                n++;
            }

            return n;
        });
        Log.Write($"items {count}, posts {context.Posts}");
    }
}
