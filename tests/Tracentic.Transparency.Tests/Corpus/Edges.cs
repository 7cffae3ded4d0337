// Edge shapes: a null receiver, struct receivers reached through a ref-returning method or mutated by an argument,
// both attributes on a pending task, an LLM method returning a list, and an exception rethrown with its dispatch info.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class Edges
{
    private static Counter s_counter;
    private static readonly List<Reply> s_replies = [new Reply { Text = "listed" }];

    private static ref Counter Slot() => ref s_counter;

    private static int Reset(ref Counter c)
    {
        c.Count = 100;
        return 1;
    }

    [TracenticScope]
    [TracenticLlmCall(Provider = "corpus")]
    public static Task<Reply> Both(Task<Reply> pending) => pending;

    [TracenticLlmCall(Provider = "corpus")]
    public static IEnumerable<Reply> Listed() => s_replies;

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Rethrows(Exception captured)
    {
        ExceptionDispatchInfo.Capture(captured).Throw();
        return new Reply();
    }

    [Shape("call.null-receiver-throws-null-reference")]
    public static void NullReceiver()
    {
        Client? none = null;
        try
        {
            none!.Ask("x");
        }
        catch (NullReferenceException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("struct.ref-returning-method-receiver")]
    public static void RefReturningReceiver()
    {
        s_counter = default;
        Slot().Bump();
        Slot().Increment();
        Log.Write("static slot after two mutations: " + s_counter.Count);
    }

    [Shape("struct.argument-mutates-the-receiver")]
    public static void ArgumentMutatesReceiver()
    {
        var c = new Counter();
        c.Deposit(Reset(ref c));
        Log.Write("after Deposit(Reset(ref c)): " + c.Count);
    }

    [Shape("task.scope-and-llm-pending-same-object")]
    public static async Task BothPending()
    {
        var source = new TaskCompletionSource<Reply>();
        var task = Both(source.Task);
        Log.Write("pending: " + Log.Identity(task, source.Task));
        source.SetResult(new Reply { Text = "both" });
        Log.Write("result " + (await task).Text);
    }

    [Shape("iterator.llm-returned-list-keeps-identity")]
    public static void LlmList()
    {
        var items = Listed();
        Log.Write("is List<Reply>: " + (items is List<Reply>) + ", " + Log.Identity(items, s_replies));
    }

    [Shape("exception.rethrown-with-dispatch-info-frames")]
    public static void DispatchInfo()
    {
        Exception captured;
        try
        {
            throw new CorpusException("captured first");
        }
        catch (Exception e)
        {
            captured = e;
        }

        try
        {
            Rethrows(captured);
        }
        catch (CorpusException e)
        {
            Log.Exception("caught", e);
            Log.Write("same object: " + Log.Identity(e, captured));
        }
    }
}
