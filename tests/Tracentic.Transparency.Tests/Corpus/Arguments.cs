// Shapes about arguments: captured arguments never run user code (no ToString, no enumeration), and the
// arguments the user's method receives are the ones the caller passed, evaluated once, in order.
using System;
using System.Collections.Generic;
using System.Linq;
using Tracentic;

namespace Corpus;

public static class Arguments
{
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply WithModel([TracenticModel] object model) => new() { Text = "model arg ran" };

    [TracenticScope]
    public static string WithCorrelation([TracenticCorrelationId] object correlation) => "correlation arg ran";

    [TracenticScope]
    public static string WithParent([TracenticParentScopeId] object parent) => "parent arg ran";

    [TracenticScope]
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply WithAttribute([TracenticAttribute("payload")] object payload) => new() { Text = "attribute arg ran" };

    [TracenticScope]
    public static int CountLater([TracenticAttribute("items")] IEnumerable<int> items) => 1;

    [Shape("args.throwing-tostring.model")]
    public static void ThrowingModel() => Run(() => WithModel(new ThrowingToString("args.throwing-tostring.model")).Text);

    [Shape("args.throwing-tostring.correlation")]
    public static void ThrowingCorrelation() => Run(() => WithCorrelation(new ThrowingToString("args.throwing-tostring.correlation")));

    [Shape("args.throwing-tostring.parent")]
    public static void ThrowingParent() => Run(() => WithParent(new ThrowingToString("args.throwing-tostring.parent")));

    [Shape("args.throwing-tostring.attribute")]
    public static void ThrowingAttribute() => Run(() => WithAttribute(new ThrowingToString("args.throwing-tostring.attribute")).Text);

    [Shape("args.lazy-enumerable-attribute-never-enumerated")]
    public static void LazyEnumerable()
    {
        var lazy = Enumerable.Range(0, 3).Select(i =>
        {
            Log.WriteFor("args.lazy-enumerable-attribute-never-enumerated", "lazy sequence enumerated at " + i);
            return i;
        });
        Log.Write("CountLater returned " + CountLater(lazy));
    }

    private static void Run(Func<string> call)
    {
        try
        {
            Log.Write(call());
        }
        catch (Exception e)
        {
            Log.Exception("call threw", e);
        }
    }
}
