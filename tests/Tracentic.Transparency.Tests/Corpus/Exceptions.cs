// Shapes about exceptions: the same object with its original stack trace reaches the caller, and the two-pass
// order (the caller's filter runs before the callee's finally) is kept.
using System;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public sealed class CorpusException(string message) : Exception(message);

public static class Exceptions
{
    private static Exception? s_thrown;

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply ThrowSync(string why)
    {
        s_thrown = new CorpusException("sync " + why);
        throw s_thrown;
    }

    [TracenticScope]
    public static int ThrowInScope() => throw new CorpusException("from a scope");

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply WithFinally()
    {
        try
        {
            Log.Write("WithFinally body");
            throw new CorpusException("with finally");
        }
        finally
        {
            Log.Write("callee finally");
        }
    }

    [TracenticScope]
    public static void ScopeWithFinally()
    {
        try
        {
            throw new CorpusException("scope with finally");
        }
        finally
        {
            Log.Write("callee finally");
        }
    }

    private static bool Filter(Exception e, bool result)
    {
        Log.Write("caller filter sees " + e.Message + ", returns " + result);
        return result;
    }

    [Shape("exception.sync-same-object-and-frames")]
    public static void SyncSameObject()
    {
        try
        {
            ThrowSync("a");
        }
        catch (Exception e)
        {
            Log.Exception("caught", e);
            Log.Write("identity with thrown: " + Log.Identity(e, s_thrown));
        }
    }

    [Shape("exception.scope-frames")]
    public static void ScopeFrames()
    {
        try
        {
            ThrowInScope();
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.filter-before-callee-finally.llm")]
    public static void FilterOrderLlm()
    {
        try
        {
            WithFinally();
        }
        catch (Exception e) when (Filter(e, true))
        {
            Log.Write("caller catch");
        }
    }

    [Shape("exception.filter-before-callee-finally.scope")]
    public static void FilterOrderScope()
    {
        try
        {
            ScopeWithFinally();
        }
        catch (Exception e) when (Filter(e, true))
        {
            Log.Write("caller catch");
        }
    }

    [Shape("exception.filter-false-then-outer-catch")]
    public static void FilterFalse()
    {
        try
        {
            try
            {
                WithFinally();
            }
            catch (Exception e) when (Filter(e, false))
            {
                Log.Write("inner catch must not run");
            }
            finally
            {
                Log.Write("caller inner finally");
            }
        }
        catch (CorpusException e) when (Filter(e, true))
        {
            Log.Exception("outer catch", e);
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> ThrowAfterAwait()
    {
        await Task.Yield();
        throw new CorpusException("after await");
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<Reply> ThrowBeforeAwait(bool fail)
    {
        if (fail)
        {
            throw new CorpusException("before await");
        }

        await Task.Yield();
        return new Reply();
    }

    [TracenticScope]
    public static Task<int> ThrowSynchronouslyFromTaskMethod() => throw new CorpusException("not async, thrown at the call");

    [Shape("exception.async-after-await-frames")]
    public static async Task AsyncAfterAwait()
    {
        var task = ThrowAfterAwait();
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
            Log.Write("task status " + task.Status + "; task.Exception inner is caught: " + Log.Identity(task.Exception!.InnerException, e));
        }
    }

    [Shape("exception.async-before-await-is-a-faulted-task")]
    public static async Task AsyncBeforeAwait()
    {
        var task = ThrowBeforeAwait(true);
        Log.Write("call returned, status " + task.Status);
        try
        {
            await task;
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("exception.task-method-throws-at-the-call")]
    public static void TaskMethodThrowsAtCall()
    {
        try
        {
            var task = ThrowSynchronouslyFromTaskMethod();
            Log.Write("must not get a task: " + task.Status);
        }
        catch (CorpusException e)
        {
            Log.Exception("caught at call", e);
        }
    }

    [Shape("exception.rethrown-by-caller-keeps-trace")]
    public static void RethrownByCaller()
    {
        try
        {
            try
            {
                ThrowSync("rethrow");
            }
            catch (CorpusException)
            {
                Log.Write("caller rethrows");
                throw;
            }
        }
        catch (CorpusException e)
        {
            Log.Exception("outer", e);
        }
    }
}
