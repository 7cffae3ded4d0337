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

public static class ArgumentsMore
{
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Lazy([TracenticAttribute("items")] IEnumerable<string> items, [TracenticModel] string model) => new() { Text = "lazy llm ran with " + model };

    [TracenticScope]
    public static string Values([TracenticAttribute] int number, [TracenticAttribute("text")] string? text, [TracenticAttribute] double ratio,
        [TracenticAttribute] bool flag, [TracenticAttribute] string[] array, [TracenticAttribute] Dictionary<string, object?> map,
        [TracenticCorrelationId] string correlation, [TracenticParentScopeId] string? parent) =>
        $"{number} {text ?? "null"} {ratio} {flag} {array.Length} {map.Count} {correlation} {parent ?? "null"}";

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Mutates([TracenticAttribute("list")] List<int> list)
    {
        list.Add(99);
        return new Reply { Text = "count " + list.Count };
    }

    [Shape("args.lazy-enumerable-on-llm-call")]
    public static void LazyLlm()
    {
        var lazy = new[] { "a", "b" }.Select(s =>
        {
            Log.WriteFor("args.lazy-enumerable-on-llm-call", "lazy sequence enumerated at " + s);
            return s;
        });
        Log.Write(Lazy(lazy, "gpt").Text);
    }

    [Shape("args.captured-values-of-every-kind")]
    public static void EveryKind() =>
        Log.Write(Values(7, null, 0.5, true, ["x", "y"], new() { ["k"] = 1 }, "corr-1", null));

    [Shape("args.list-mutated-by-callee")]
    public static void ListMutated()
    {
        var list = new List<int> { 1 };
        Log.Write(Mutates(list).Text + ", caller sees " + list.Count);
    }
}
