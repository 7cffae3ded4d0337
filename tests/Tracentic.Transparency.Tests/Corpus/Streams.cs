// Shapes about iterators and async streams: nothing runs before the caller enumerates, disposal runs when the
// caller disposes, and break / cancel / throw reach the source exactly as without the generator.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class Streams
{
    [TracenticScope]
    public static IEnumerable<int> Items(int count)
    {
        Log.Write("Items body starts");
        try
        {
            for (var i = 0; i < count; i++)
            {
                Log.Write("Items yields " + i);
                yield return i;
            }
        }
        finally
        {
            Log.Write("Items finally");
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async IAsyncEnumerable<Reply> Replies(int count, [EnumeratorCancellation] CancellationToken token = default)
    {
        Log.Write("Replies body starts");
        try
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                token.ThrowIfCancellationRequested();
                Log.Write("Replies yields " + i);
                yield return new Reply { Text = i.ToString() };
            }
        }
        finally
        {
            Log.Write("Replies finally");
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async IAsyncEnumerable<Reply> ThrowingReplies()
    {
        try
        {
            await Task.Yield();
            yield return new Reply { Text = "first" };
            throw new CorpusException("stream failed");
        }
        finally
        {
            Log.Write("ThrowingReplies finally");
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static IAsyncEnumerable<Reply> HandWritten() => new LoggingStream();

    [TracenticLlmCall(Provider = "corpus")]
    public static IAsyncEnumerable<Reply>? NullStream() => null;

    [TracenticScope]
    public static IEnumerable<int>? NullItems() => null;

    [Shape("iterator.lazy-and-break")]
    public static void IteratorBreak()
    {
        var items = Items(5);
        Log.Write("Items returned");
        foreach (var i in items)
        {
            Log.Write("caller got " + i);
            if (i == 1)
            {
                break;
            }
        }

        Log.Write("after loop");
    }

    [Shape("iterator.never-enumerated")]
    public static void IteratorNeverEnumerated()
    {
        _ = Items(3);
        Log.Write("Items returned and dropped");
    }

    [Shape("iterator.enumerated-twice")]
    public static void IteratorTwice()
    {
        var items = Items(2);
        foreach (var i in items)
        {
            Log.Write("first pass " + i);
        }

        foreach (var i in items)
        {
            Log.Write("second pass " + i);
        }
    }

    [Shape("iterator.null")]
    public static void IteratorNull()
    {
        try
        {
            Log.Write("null iterator stays null: " + (NullItems() is null));
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }

    [Shape("stream.full")]
    public static async Task StreamFull()
    {
        var stream = Replies(2);
        Log.Write("Replies returned");
        await foreach (var r in stream)
        {
            Log.Write("caller got " + r.Text);
        }

        Log.Write("after loop");
    }

    [Shape("stream.break")]
    public static async Task StreamBreak()
    {
        await foreach (var r in Replies(5))
        {
            Log.Write("caller got " + r.Text);
            break;
        }

        Log.Write("after loop");
    }

    [Shape("stream.cancel")]
    public static async Task StreamCancel()
    {
        using var cts = new CancellationTokenSource();
        try
        {
            await foreach (var r in Replies(5).WithCancellation(cts.Token))
            {
                Log.Write("caller got " + r.Text);
                cts.Cancel();
            }
        }
        catch (OperationCanceledException e)
        {
            Log.Write("caught " + e.GetType().Name + ", token is ours: " + (e.CancellationToken == cts.Token));
        }
    }

    [Shape("stream.cancel-through-argument")]
    public static async Task StreamCancelArgument()
    {
        using var cts = new CancellationTokenSource();
        try
        {
            await foreach (var r in Replies(5, cts.Token))
            {
                Log.Write("caller got " + r.Text);
                cts.Cancel();
            }
        }
        catch (OperationCanceledException e)
        {
            Log.Write("caught " + e.GetType().Name);
        }
    }

    [Shape("stream.throw-finally-before-caller-catch")]
    public static async Task StreamThrow()
    {
        try
        {
            await foreach (var r in ThrowingReplies())
            {
                Log.Write("caller got " + r.Text);
            }
        }
        catch (CorpusException e)
        {
            Log.Exception("caller catch", e);
        }
    }

    [Shape("stream.caller-throws-inside-loop")]
    public static async Task CallerThrows()
    {
        try
        {
            await foreach (var r in Replies(3))
            {
                Log.Write("caller got " + r.Text + " and throws");
                throw new CorpusException("caller failed");
            }
        }
        catch (CorpusException e) when (Filter(e))
        {
            Log.Write("caller catch");
        }
    }

    private static bool Filter(Exception e)
    {
        Log.Write("caller filter " + e.Message);
        return true;
    }

    [Shape("stream.get-enumerator-then-dispose-without-move")]
    public static async Task GetThenDispose()
    {
        var stream = HandWritten();
        Log.Write("HandWritten returned");
        var enumerator = stream.GetAsyncEnumerator();
        Log.Write("got enumerator");
        await enumerator.DisposeAsync();
        Log.Write("disposed");
    }

    [Shape("stream.hand-written-manual-moves")]
    public static async Task ManualMoves()
    {
        using var cts = new CancellationTokenSource();
        var enumerator = HandWritten().GetAsyncEnumerator(cts.Token);
        Log.Write("move " + await enumerator.MoveNextAsync() + " " + enumerator.Current.Text);
        Log.Write("move " + await enumerator.MoveNextAsync() + " " + enumerator.Current.Text);
        Log.Write("move " + await enumerator.MoveNextAsync());
        await enumerator.DisposeAsync();
        Log.Write("disposed");
    }

    [Shape("stream.never-enumerated")]
    public static void StreamNeverEnumerated()
    {
        _ = HandWritten();
        _ = Replies(1);
        Log.Write("streams returned and dropped");
    }

    [Shape("stream.null")]
    public static void StreamNull()
    {
        try
        {
            Log.Write("null stream stays null: " + (NullStream() is null));
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }
}

/// <summary>A hand-written stream that logs every call the caller makes on it.</summary>
public sealed class LoggingStream : IAsyncEnumerable<Reply>
{
    public IAsyncEnumerator<Reply> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Log.Write("source GetAsyncEnumerator, token can cancel: " + cancellationToken.CanBeCanceled);
        return new Enumerator();
    }

    private sealed class Enumerator : IAsyncEnumerator<Reply>
    {
        private int _index;

        public Reply Current { get; private set; } = new();

        public ValueTask<bool> MoveNextAsync()
        {
            Log.Write("source MoveNextAsync " + _index);
            if (_index >= 2)
            {
                return new(false);
            }

            Current = new Reply { Text = "item" + _index++ };
            return new(true);
        }

        public ValueTask DisposeAsync()
        {
            Log.Write("source DisposeAsync");
            return default;
        }
    }
}
