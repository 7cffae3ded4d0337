// The two differences the transparency contract allows, each on its own shape. Their lines start with "~" so the
// test can check that they differ in exactly the documented way (and that nothing else in these shapes differs).
using System;
using System.Collections.Generic;
using System.Diagnostics;
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
}
