// Shapes about who receives the call: void methods, struct receivers (mutated in place, never a copy or a box),
// constrained type parameters, generic structs, private members reached through accessors.
using System;
using Tracentic;

namespace Corpus;

public static class VoidMethods
{
    [TracenticScope("void-scope")]
    public static void ScopeStatic(string text) => Log.Write("ScopeStatic ran with " + text);

    [TracenticLlmCall(Provider = "corpus")]
    public static void LlmStatic(int n) => Log.Write("LlmStatic ran with " + n);

    [TracenticScope]
    [TracenticLlmCall(Provider = "corpus")]
    public static void Both() => Log.Write("Both ran");

    [Shape("void.scope.static")]
    public static void ScopeStaticShape() => ScopeStatic("a");

    [Shape("void.llm.static")]
    public static void LlmStaticShape() => LlmStatic(1);

    [Shape("void.scope-and-llm.static")]
    public static void BothShape() => Both();

    [Shape("void.llm.instance")]
    public static void InstanceShape()
    {
        var worker = new VoidWorker();
        worker.Work();
        worker.Work();
        Log.Write("calls seen by the instance: " + worker.Calls);
    }
}

public sealed class VoidWorker
{
    public int Calls;

    [TracenticLlmCall(Provider = "corpus")]
    public void Work() => Log.Write("Work call " + ++Calls);
}

public struct Counter
{
    public int Count;

    [TracenticScope]
    public void Bump() => Count++;

    [TracenticScope]
    public int Increment() => ++Count;

    [TracenticLlmCall(Provider = "corpus")]
    public Reply Ask() => new() { Text = "count " + ++Count };

    [TracenticScope]
    public readonly int Peek() => Count;

    [Shape("struct.void-mutation")]
    public static void VoidMutation()
    {
        var c = new Counter();
        c.Bump();
        c.Bump();
        Log.Write("after two Bump: " + c.Count);
    }

    [Shape("struct.value-mutation")]
    public static void ValueMutation()
    {
        var c = new Counter();
        var first = c.Increment();
        var second = c.Increment();
        Log.Write($"Increment returned {first}, {second}; Count {c.Count}");
    }

    [Shape("struct.llm-mutation")]
    public static void LlmMutation()
    {
        var c = new Counter();
        Log.Write("Ask returned " + c.Ask().Text + "; Count " + c.Count);
    }

    [Shape("struct.readonly-member")]
    public static void ReadonlyMember()
    {
        var c = new Counter { Count = 7 };
        Log.Write("Peek " + c.Peek());
    }

    [Shape("struct.array-element")]
    public static void ArrayElement()
    {
        var counters = new Counter[2];
        counters[1].Bump();
        counters[1].Increment();
        Log.Write($"elements {counters[0].Count} {counters[1].Count}");
    }

    [Shape("struct.ref-local-and-field")]
    public static void RefLocalAndField()
    {
        var holder = new CounterHolder();
        holder.Inner.Bump();
        ref var r = ref holder.Inner;
        r.Increment();
        Log.Write("field after two mutations: " + holder.Inner.Count);
    }

    [Shape("struct.readonly-field-copy")]
    public static void ReadonlyFieldCopy()
    {
        var holder = new CounterHolder();
        var returned = holder.BumpFrozen();
        Log.Write($"readonly field mutation returned {returned}, field stays {holder.FrozenCount}");
    }

    [Shape("struct.in-parameter")]
    public static void InParameter()
    {
        var c = new Counter { Count = 3 };
        Log.Write("via in: " + ViaIn(in c) + "; after: " + c.Count);
    }

    private static int ViaIn(in Counter c) => c.Peek() + c.Increment();

    [Shape("struct.temporary")]
    public static void Temporary() => Log.Write("temporary: " + new Counter { Count = 40 }.Increment());
}

public sealed class CounterHolder
{
    public Counter Inner;

    private readonly Counter _frozen = new() { Count = 5 };

    public int FrozenCount => _frozen.Count;

    public int BumpFrozen() => _frozen.Increment();
}

public interface IBump
{
    [TracenticScope]
    void Bump();

    [TracenticLlmCall(Provider = "corpus")]
    int Next();
}

public struct Bumper : IBump
{
    public int Value;

    public void Bump() => Value++;

    public int Next() => ++Value;
}

public static class Constrained
{
    private static void Bump<T>(ref T x) where T : IBump => x.Bump();

    private static int NextTwice<T>(T x) where T : IBump => x.Next() + x.Next() * 10;

    [Shape("constrained.ref-struct-via-interface-member")]
    public static void RefStruct()
    {
        var b = new Bumper();
        Bump(ref b);
        Bump(ref b);
        Log.Write("after two Bump<T>(ref b): " + b.Value);
    }

    [Shape("constrained.value-param-mutates-local-copy")]
    public static void ValueParam()
    {
        var b = new Bumper { Value = 1 };
        Log.Write("NextTwice " + NextTwice(b) + "; caller's copy " + b.Value);
    }

    [Shape("constrained.interface-typed-box")]
    public static void Boxed()
    {
        IBump boxed = new Bumper();
        boxed.Bump();
        boxed.Next();
        Log.Write("boxed value " + ((Bumper)boxed).Value);
    }

    [Shape("constrained.direct-struct-call")]
    public static void Direct()
    {
        var b = new Bumper();
        b.Bump();
        b.Next();
        Log.Write("direct struct value " + b.Value);
    }
}

public struct GenericCounter<T>
{
    public int Count;

    [TracenticScope]
    public int Add(T value) => ++Count;

    public int Via(T value) => Add(value) + Add(value);

    [TracenticLlmCall(Provider = "corpus")]
    private int AddPrivate(T value) => ++Count;

    public int ViaPrivate(T value) => AddPrivate(value) + AddPrivate(value);
}

public static class GenericStructShapes
{
    [Shape("generic-struct.this-call")]
    public static void ThisCall()
    {
        var g = new GenericCounter<string>();
        Log.Write("Via returned " + g.Via("x") + "; Count " + g.Count);
    }

    [Shape("generic-struct.this-call-private")]
    public static void ThisCallPrivate()
    {
        var g = new GenericCounter<int>();
        Log.Write("ViaPrivate returned " + g.ViaPrivate(1) + "; Count " + g.Count);
    }
}

public struct PrivateStruct
{
    public int Count;

    [TracenticScope]
    private void BumpPrivate() => Count++;

    [TracenticScope]
    private static int Twice(int x) => x * 2;

    public void Run()
    {
        BumpPrivate();
        BumpPrivate();
        Count += Twice(Count);
    }

    [Shape("struct.private-instance-and-static")]
    public static void RunShape()
    {
        var p = new PrivateStruct();
        p.Run();
        Log.Write("private struct members: " + p.Count);
    }
}
