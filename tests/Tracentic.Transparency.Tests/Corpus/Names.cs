// Behaviour of shapes that the compile probes cover too (parameter names generated code may use, type
// parameter clashes, spans, pointers, static abstract members, obsolete members, file types, local functions):
// once they compile with the generator, they must also behave as without it. (Shapes that break the syntax of
// generated code, such as keyword names or line breaks in names, stay in the probes: they would hide every shape.)
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public sealed class Named
{
    [TracenticLlmCall(Provider = "corpus")]
    public Reply Clash(string call, string result, string task, string exception, string stream, string scope, string @this) =>
        new() { Text = string.Join(",", call, result, task, exception, stream, scope, @this) };

    [TracenticScope]
    public async Task<string> ClashAsync(string call, string result, string task)
    {
        await Task.Yield();
        return call + result + task;
    }

    [TracenticScope]
    public bool TryGet(string key, out string result)
    {
        result = "value of " + key;
        return true;
    }

    [Shape("names.parameters-named-like-generated-locals")]
    public static async Task Parameters()
    {
        var n = new Named();
        Log.Write(n.Clash("1", "2", "3", "4", "5", "6", "7").Text);
        Log.Write(await n.ClashAsync("a", "b", "c"));
        Log.Write("TryGet " + n.TryGet("k", out var value) + " " + value);
    }
}

#pragma warning disable CS0693 // the method's T hides the type's T on purpose
public sealed class Clashing<T>
{
    [TracenticScope]
    public string Echo<T>(T T1, T t) => typeof(T).Name + ":" + T1 + t;
}
#pragma warning restore CS0693

public static class ClashingShapes
{
    [Shape("names.type-parameter-clash")]
    public static void Run() => Log.Write(new Clashing<int>().Echo("a", "b"));
}

public static class Spans
{
    [TracenticScope]
    public static int Sum(params ReadOnlySpan<int> values)
    {
        var s = 0;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Fill(scoped Span<char> buffer, char c)
    {
        buffer.Fill(c);
        return new Reply { Text = buffer.ToString() };
    }

    [TracenticScope]
    public static int Size<T>(T value) where T : allows ref struct => 1;

    [Shape("names.params-span-scoped-and-ref-struct-type-argument")]
    public static void Run()
    {
        Span<char> buffer = stackalloc char[3];
        Log.Write($"sum {Sum(1, 2, 3)}, fill {Fill(buffer, 'x').Text}, buffer {buffer.ToString()}, size {Size<Span<char>>(buffer)}");
    }
}

public static unsafe class Pointers
{
    [TracenticScope]
    public static int Read(int* p) => *p += 1;

    [TracenticScope]
    public static int Apply(delegate*<int, int> f, int x) => f(x);

    private static int Twice(int x) => x * 2;

    [Shape("names.pointer-and-function-pointer-parameters")]
    public static void Run()
    {
        var x = 1;
        Log.Write($"read {Read(&x)}, x {x}, apply {Apply(&Twice, 4)}");
    }
}

public interface ICreate<TSelf> where TSelf : ICreate<TSelf>
{
    [TracenticScope]
    static abstract TSelf Create(int seed);
}

public sealed class Created : ICreate<Created>
{
    public int Seed;

    public static Created Create(int seed)
    {
        Log.Write("Created.Create " + seed);
        return new Created { Seed = seed };
    }
}

public static class StaticAbstract
{
    private static T Make<T>(int seed) where T : ICreate<T> => T.Create(seed);

    [Shape("names.static-abstract-member-through-type-parameter")]
    public static void Run() => Log.Write("seed " + Make<Created>(5).Seed);
}

public static class Obsolete
{
    [Obsolete("use something else")]
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Old() => new() { Text = "old" };

    [Shape("names.obsolete-method")]
#pragma warning disable CS0618
    public static void Run() => Log.Write(Old().Text);
#pragma warning restore CS0618
}

file sealed class FileLocal
{
    [TracenticScope]
    public int Count() => 7;
}

public static class FileLocalShapes
{
    [Shape("names.file-class-member")]
    public static void Run() => Log.Write("file class " + new FileLocal().Count());

    [Shape("names.annotated-local-function")]
    public static void Local()
    {
        var calls = 0;
        Log.Write("local " + Bump() + Bump() + ", calls " + calls);

        [TracenticScope]
        int Bump() => ++calls;
    }
}
