// The four differences the transparency contract allows, each on its own shape. Their lines start with "~" so the
// test can check that they differ in exactly the documented way (and that nothing else in these shapes differs).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public static class Allowed
{
    [TracenticScope]
    public static void WhoCalledMe()
    {
        var caller = new StackTrace().GetFrame(1)?.GetMethod();
        Log.Write("~direct caller: " + caller?.DeclaringType?.FullName + "." + caller?.Name);
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static IAsyncEnumerable<Reply> Observed() => new LoggingStream();

    [TracenticScope("allowed-scope")]
    public static void WhatIsCurrent() => Log.Write("~activity inside: " + Activity.Current?.OperationName);

    /// <summary>Calls <see cref="WhoCalledMe"/>: its IL is what a test comparing method bodies would read.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CallsWhoCalledMe() => WhoCalledMe();

    [Shape("allowed.stacktrace-direct-caller")]
    public static void StackTraceDirectCaller()
    {
        WhoCalledMe();
        Log.Write("after call");
    }

    [Shape("allowed.observed-stream-type")]
    public static async Task ObservedStreamType()
    {
        var stream = Observed();
        Log.Write("~stream type: " + stream.GetType().FullName);
        await foreach (var r in stream)
        {
            Log.Write("caller got " + r.Text);
        }
    }

    [Shape("allowed.il-call-target")]
    public static void IlCallTarget()
    {
        // Reflection over a method body: the call instruction's target is the interceptor in the generator build.
        var method = typeof(Allowed).GetMethod(nameof(CallsWhoCalledMe))!;
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var call = Array.IndexOf(il, (byte)OpCodes.Call.Value);
        var target = method.Module.ResolveMethod(BitConverter.ToInt32(il, call + 1));
        Log.Write("~call target: " + target?.DeclaringType?.FullName + "." + target?.Name);
    }

    [Shape("allowed.activity-current-with-a-tracentic-listener")]
    public static void ActivityCurrentWithTracenticListener()
    {
        // Only when something samples the Tracentic source is the scope an activity, and then it is Activity.Current.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Tracentic" or "Corpus",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Corpus");
        using (source.StartActivity("corpus-caller"))
        {
            WhatIsCurrent();
            Log.Write("after: " + Activity.Current?.OperationName);
        }
    }
}
