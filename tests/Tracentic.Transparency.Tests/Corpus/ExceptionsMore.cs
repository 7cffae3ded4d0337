// More exception shapes: filters inside the callee, nested filters and finally blocks in both, exceptions thrown
// from scopes and LLM calls of every return kind, OperationCanceledException, exceptions with custom data.
using System;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class ExceptionsMore
{
    private static bool Note(string what, bool result)
    {
        Log.Write(what + " -> " + result);
        return result;
    }

    [TracenticScope]
    public static int CalleeFilters()
    {
        try
        {
            throw new CorpusException("inside");
        }
        catch (CorpusException e) when (Note("callee filter " + e.Message, false))
        {
            return -1;
        }
        finally
        {
            Log.Write("callee finally");
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Nested(int depth)
    {
        try
        {
            if (depth == 0)
            {
                throw new CorpusException("deepest");
            }

            return Nested(depth - 1);
        }
        finally
        {
            Log.Write("finally at depth " + depth);
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static void VoidThrows() => throw new CorpusException("void threw");

    [TracenticScope]
    public static void Cancels(CancellationToken token) => token.ThrowIfCancellationRequested();

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply WithData()
    {
        var e = new CorpusException("with data");
        e.Data["key"] = "value";
        throw e;
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async ValueTask<Reply> ValueTaskThrows()
    {
        await Task.Yield();
        throw new CorpusException("value task threw");
    }

    [TracenticScope]
    public static async Task TaskThrowsSync()
    {
        await Task.CompletedTask;
        throw new CorpusException("completed synchronously as faulted");
    }

    [Shape("exception.callee-filter-and-finally")]
    public static void CalleeFilter()
    {
        try
        {
            CalleeFilters();
        }
        catch (CorpusException e) when (Note("caller filter " + e.Message, true))
        {
            Log.Write("caller catch");
        }
    }

    [Shape("exception.nested-finally-order-with-filter")]
    public static void NestedFinally()
    {
        try
        {
            Nested(2);
        }
        catch (CorpusException e) when (Note("caller filter " + e.Message, true))
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.void-llm-throws")]
    public static void VoidLlm()
    {
        try
        {
            VoidThrows();
        }
        catch (CorpusException e) when (Note("filter", true))
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.operation-canceled-sync")]
    public static void Canceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        try
        {
            Cancels(cts.Token);
        }
        catch (OperationCanceledException e)
        {
            Log.Write("caught " + e.GetType().Name + ", token is ours: " + (e.CancellationToken == cts.Token));
        }
    }

    [Shape("exception.data-and-identity-kept")]
    public static void Data()
    {
        try
        {
            WithData();
        }
        catch (CorpusException e)
        {
            Log.Write("data " + e.Data["key"] + ", inner " + (e.InnerException is null));
        }
    }

    [Shape("exception.valuetask-faulted-frames")]
    public static async Task ValueTaskFaulted()
    {
        try
        {
            await ValueTaskThrows();
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.scope-task-faulted-at-return")]
    public static async Task ScopeFaultedAtReturn()
    {
        var task = TaskThrowsSync();
        Log.Write("status at return " + task.Status);
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.unhandled-by-first-filter-reaches-outer-catch")]
    public static void TwoLevels()
    {
        try
        {
            Middle();
        }
        catch (CorpusException e) when (Note("outer filter", true))
        {
            Log.Exception("outer catch", e);
        }
    }

    private static void Middle()
    {
        try
        {
            Exceptions.WithFinally();
        }
        catch (InvalidOperationException) when (Note("middle filter (wrong type)", true))
        {
            Log.Write("middle catch must not run");
        }
        finally
        {
            Log.Write("middle finally");
        }
    }
}
