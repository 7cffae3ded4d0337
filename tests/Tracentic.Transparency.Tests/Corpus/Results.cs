// Shapes about results and recording: a response whose usage getters throw, an exception whose Message throws,
// frames of private members reached through accessors, calls written inside initializers and expressions,
// tuple and nullable returns, and a hand-written stream the caller abandons by throwing.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

/// <summary>A response whose usage and model getters throw: reading usage must never let that escape.</summary>
public sealed class TrickyUsage
{
    public int InputTokens => throw new InvalidOperationException("InputTokens getter threw");

    public int OutputTokens => 2;
}

public sealed class TrickyReply
{
    public string Text { get; init; } = "";

    public TrickyUsage? Usage { get; init; } = new();

    public string Model => throw new InvalidOperationException("Model getter threw");
}

/// <summary>An exception whose Message (and so ToString) throws.</summary>
public sealed class NastyException : Exception
{
    public override string Message => throw new InvalidOperationException("Message getter threw");
}

public class Results
{
    private static readonly object s_gate = new();

    private readonly int _seed = Start("field initializer");

    public Results() => Log.Write("constructor called Start: " + Start("constructor"));

    [TracenticScope]
    public static int Start(string where)
    {
        Log.Write("Start from " + where);
        return 1;
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static TrickyReply Tricky() => new() { Text = "tricky" };

    [TracenticLlmCall(Provider = "corpus")]
    public static async Task<TrickyReply> TrickyAsync()
    {
        await Task.Yield();
        return new TrickyReply { Text = "tricky async" };
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Nasty() => throw new NastyException();

    [TracenticLlmCall(Provider = "corpus")]
    private static Reply PrivateThrows() => throw new CorpusException("private threw");

    [TracenticScope]
    private int PrivateInstanceThrows() => throw new CorpusException("private instance threw " + _seed);

    [TracenticScope]
    public static (int Count, string? Name) Pair(bool named) => (named ? 1 : 0, named ? "n" : null);

    [TracenticScope]
    public static int? MaybeNumber(bool some) => some ? 4 : null;

    [TracenticScope]
    public static async Task<string> AsyncWithFinally()
    {
        try
        {
            await Task.Yield();
            throw new CorpusException("async with finally");
        }
        finally
        {
            Log.Write("callee finally");
        }
    }

    [Shape("result.usage-and-model-getters-throw")]
    public static async Task UsageThrows()
    {
        try
        {
            Log.Write("sync: " + Tricky().Text);
            Log.Write("async: " + (await TrickyAsync()).Text);
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }

    [Shape("exception.message-getter-throws")]
    public static void MessageThrows()
    {
        try
        {
            Nasty();
        }
        catch (NastyException)
        {
            Log.Write("caught NastyException");
        }
        catch (Exception e)
        {
            Log.Write("caught another exception: " + e.GetType().FullName);
        }
    }

    [Shape("exception.private-members-frames")]
    public static void PrivateFrames()
    {
        try
        {
            PrivateThrows();
        }
        catch (CorpusException e)
        {
            Log.Exception("static", e);
        }

        try
        {
            new Results().PrivateInstanceThrows();
        }
        catch (CorpusException e)
        {
            Log.Exception("instance", e);
        }
    }

    [Shape("call.in-field-initializer-and-constructor")]
    public static void Initializers() => Log.Write("constructed seed " + new Results()._seed);

    [Shape("call.inside-expressions")]
    public static void InsideExpressions()
    {
        int? slot = null;
        slot ??= Start("??=");
        var text = $"interpolated {Start("interpolation")}";
        var chosen = slot switch { 1 => Start("switch arm"), _ => 0 };
        lock (s_gate)
        {
            chosen += Start("lock");
        }

        Log.Write($"{slot} {text} {chosen} {(chosen > 0 ? Start("conditional") : -1)}");
    }

    [Shape("return.tuple-and-nullable")]
    public static void TupleAndNullable()
    {
        var (count, name) = Pair(true);
        var none = Pair(false);
        Log.Write($"{count} {name} {none.Count} {none.Name ?? "null"} {MaybeNumber(true)} {MaybeNumber(false)?.ToString() ?? "null"}");
    }

    [Shape("exception.async-finally-then-caller-filter")]
    public static async Task AsyncFinallyThenFilter()
    {
        try
        {
            await AsyncWithFinally();
        }
        catch (CorpusException e) when (Filter(e))
        {
            Log.Exception("caught", e);
        }
    }

    private static bool Filter(Exception e)
    {
        Log.Write("caller filter " + e.Message);
        return true;
    }

    [Shape("stream.hand-written-caller-throws-filter-before-dispose")]
    public static async Task HandWrittenCallerThrows()
    {
        try
        {
            await foreach (var r in Streams.HandWritten())
            {
                Log.Write("caller got " + r.Text + " and throws");
                throw new CorpusException("caller threw in loop");
            }
        }
        catch (CorpusException e) when (Filter(e))
        {
            Log.Write("caller catch");
        }
    }
}
