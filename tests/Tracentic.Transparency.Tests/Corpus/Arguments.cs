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

/// <summary>User code hidden inside framework values: capturing them must not run it (not even on the export thread).</summary>
public static class HiddenUserCode
{
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Take([TracenticAttribute("value")] object value, [TracenticModel] object model) => new() { Text = "Take ran" };

    [TracenticScope]
    public static string TakeInScope([TracenticAttribute("value")] object value, [TracenticCorrelationId] object correlation) => "TakeInScope ran";

    private static void Run(string shape, object value)
    {
        Log.Write(Take(value, value).Text);
        Log.Write(TakeInScope(value, value));
    }

    [Shape("args.framework-exception-with-user-inner-exception")]
    public static void InnerException() =>
        Run("args.framework-exception-with-user-inner-exception", new InvalidOperationException("outer", new LoggingException("args.framework-exception-with-user-inner-exception")));

    [Shape("args.object-array-holding-a-user-object")]
    public static void ObjectArray() =>
        Run("args.object-array-holding-a-user-object", new object[] { 1, new ThrowingToString("args.object-array-holding-a-user-object") });

    [Shape("args.dictionary-holding-a-user-object")]
    public static void Dictionary() =>
        Run("args.dictionary-holding-a-user-object", new Dictionary<string, object> { ["k"] = new ThrowingToString("args.dictionary-holding-a-user-object") });

    [Shape("args.read-only-collection-over-a-user-list")]
    public static void ReadOnlyOverUserList() =>
        Run("args.read-only-collection-over-a-user-list", new System.Collections.ObjectModel.ReadOnlyCollection<int>(new LoggingList("args.read-only-collection-over-a-user-list")));
}

public sealed class LoggingException(string shape) : Exception("user inner")
{
    public override string ToString()
    {
        Log.WriteFor(shape, "LoggingException.ToString called");
        return "user inner exception";
    }

    public override string Message
    {
        get
        {
            Log.WriteFor(shape, "LoggingException.Message read");
            return "user inner";
        }
    }
}

/// <summary>A user list that logs when it is enumerated.</summary>
public sealed class LoggingList(string shape) : System.Collections.Generic.IList<int>
{
    private readonly List<int> _items = [1, 2];

    public int this[int index] { get => _items[index]; set => _items[index] = value; }

    public int Count => _items.Count;

    public bool IsReadOnly => true;

    public void Add(int item) => _items.Add(item);

    public void Clear() => _items.Clear();

    public bool Contains(int item) => _items.Contains(item);

    public void CopyTo(int[] array, int arrayIndex)
    {
        Log.WriteFor(shape, "LoggingList.CopyTo called");
        _items.CopyTo(array, arrayIndex);
    }

    public IEnumerator<int> GetEnumerator()
    {
        Log.WriteFor(shape, "LoggingList enumerated");
        return _items.GetEnumerator();
    }

    public int IndexOf(int item) => _items.IndexOf(item);

    public void Insert(int index, int item) => _items.Insert(index, item);

    public bool Remove(int item) => _items.Remove(item);

    public void RemoveAt(int index) => _items.RemoveAt(index);

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
