// Shapes about how a call is written: receivers evaluated once, arguments in order and by reference, optional,
// named and params arguments, caller-info, generics, extension methods (classic and C# 14 blocks), accessibility,
// overrides and interfaces, lambdas and local functions, static constructors, recursion.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Tracentic;

namespace Corpus;

public sealed class Client
{
    public string Name = "client";

    [TracenticLlmCall(Provider = "corpus", Model = "m")]
    public Reply Ask(string prompt) => new() { Text = Name + ":" + prompt };

    [TracenticScope("calls")]
    public static int Combine(ref int total, out int doubled, in int addend, int scale = 10, params int[] extra)
    {
        total += addend;
        doubled = total * 2;
        var sum = 0;
        foreach (var e in extra)
        {
            sum += e;
        }

        return total * scale + sum;
    }

    [TracenticScope]
    public static string Order(int a, int b, int c) => $"a={a} b={b} c={c}";

    [TracenticScope]
    public static string ParamsIdentity(params object[] items) => "params count " + items.Length + ", identity " + Log.Identity(items, s_lastArray);

    internal static object[]? s_lastArray;

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Where(string prompt, [CallerMemberName] string member = "", [CallerLineNumber] int line = 0, [CallerFilePath] string file = "",
        [CallerArgumentExpression(nameof(prompt))] string expression = "") => new() { Text = $"{member}:{line}:{System.IO.Path.GetFileName(file)}:{expression}" };

    [TracenticScope]
    public static string Defaults(int n = 3, string s = "d\"q", DayOfWeek day = DayOfWeek.Friday, decimal m = 1.25m, object? o = null) => $"{n} {s} {day} {m} {o is null}";

    [TracenticScope]
    public static void RefAlias(ref int value) { value++; Log.Write("inside: field " + Fields.Value + ", ref " + value); }

    [TracenticScope]
    public static int InAlias(in int value) { Fields.Value += 10; return value; }

    [TracenticScope]
    public static int ByValueStruct(Counter c) { c.Count += 100; return c.Count; }

    private static int Arg(string name, int value)
    {
        Log.Write("argument " + name + " evaluated");
        return value;
    }

    private static Client Receiver()
    {
        Log.Write("receiver evaluated");
        return new Client { Name = "made" };
    }

    [Shape("call.receiver-evaluated-once")]
    public static void ReceiverOnce() => Log.Write(Receiver().Ask("p").Text);

    [Shape("call.null-conditional-receiver")]
    public static void NullConditional()
    {
        Client? some = new() { Name = "some" };
        Client? none = null;
        Log.Write("some: " + some?.Ask("x").Text + ", none: " + (none?.Ask("y").Text ?? "null"));
    }

    [Shape("call.argument-order-with-named-arguments")]
    public static void NamedOrder() => Log.Write(Order(c: Arg("c", 3), a: Arg("a", 1), b: Arg("b", 2)));

    [Shape("call.ref-out-in-params-optional")]
    public static void RefOutIn()
    {
        var total = 1;
        var a = Combine(ref total, out var doubled, 2);
        var b = Combine(ref total, out _, in total, extra: [5], scale: 1);
        var c = Combine(ref total, out _, 0, 1, 1, 2, 3);
        Log.Write($"{a}/{b}/{c}/{total}/{doubled}");
    }

    [Shape("call.params-array-passed-as-is")]
    public static void ParamsArray()
    {
        s_lastArray = ["x", 2];
        Log.Write(ParamsIdentity(s_lastArray));
        Log.Write(ParamsIdentity("expanded", 1));
    }

    [Shape("call.caller-info-arguments")]
    public static void CallerInfo() => Log.Write(Where("p" + "q").Text);

    [Shape("call.default-values")]
    public static void DefaultValues()
    {
        Log.Write(Defaults());
        Log.Write(Defaults(s: "named", o: 1));
    }

    [Shape("call.ref-argument-aliases-a-field")]
    public static void RefAliasField()
    {
        Fields.Value = 1;
        RefAlias(ref Fields.Value);
        Log.Write("after: " + Fields.Value);
    }

    [Shape("call.in-argument-aliases-a-field")]
    public static void InAliasField()
    {
        Fields.Value = 1;
        Log.Write("in saw " + InAlias(in Fields.Value) + ", field " + Fields.Value);
    }

    [Shape("call.struct-argument-by-value")]
    public static void ByValue()
    {
        var c = new Counter { Count = 1 };
        Log.Write("callee saw " + ByValueStruct(c) + ", caller keeps " + c.Count);
    }

    [Shape("call.inside-lambda-and-local-function")]
    public static void LambdaAndLocal()
    {
        Func<string, string> lambda = p => new Client().Ask(p).Text;
        Log.Write(lambda("lambda"));
        Log.Write(Local("local"));

        static string Local(string p) => new Client { Name = "local" }.Ask(p).Text;
    }

    [Shape("call.result-discarded-and-chained")]
    public static void Chained()
    {
        new Client().Ask("discarded");
        Log.Write("chained length " + new Client().Ask("abc").Text.Length);
    }
}

public static class Fields
{
    public static int Value;
}

public static class Generics
{
    [TracenticScope]
    public static string Describe<T>(T value) => typeof(T).Name + ":" + value;

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Pick<TPrompt, TState>(TPrompt prompt, TState state)
        where TPrompt : class
        where TState : struct
        => new() { Text = prompt + "/" + state };

    private static string FromGeneric<T>(T value) => Describe(value) + "|" + new Holder<T>(value).Get();

    [Shape("generic.method-inferred-and-explicit")]
    public static void MethodInferred()
    {
        Log.Write(Describe(1));
        Log.Write(Describe<object>("o"));
        Log.Write(Pick("p", 2).Text);
    }

    [Shape("generic.called-from-generic-code")]
    public static void FromGenericCode()
    {
        Log.Write(FromGeneric(3));
        Log.Write(FromGeneric("s"));
        Log.Write(FromGeneric<int?>(null));
    }

    [Shape("generic.struct-type-argument-value")]
    public static void StructTypeArgument()
    {
        var h = new Holder<Counter>(new Counter { Count = 2 });
        Log.Write("holder value " + h.Get().Count);
    }
}

public sealed class Holder<T>(T value)
{
    [TracenticScope]
    public T Get() => value;
}

public sealed class Account
{
    public int Balance = 10;
}

public static class AccountExtensions
{
    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Summarize(this Account account, string prefix) => new() { Text = prefix + account.Balance };

    [TracenticScope]
    public static void Deposit(this ref Counter counter, int amount) => counter.Count += amount;

    extension(Account account)
    {
        [TracenticScope]
        public int Doubled() => account.Balance * 2;

        [TracenticLlmCall(Provider = "corpus")]
        public static Reply Open() => new() { Text = "opened" };
    }

    extension(ref Counter counter)
    {
        [TracenticScope]
        public void Add(int amount) => counter.Count += amount;
    }

    [Shape("extension.classic-both-ways")]
    public static void Classic()
    {
        var a = new Account();
        Log.Write(a.Summarize("reduced:").Text);
        Log.Write(Summarize(a, "static:").Text);
    }

    [Shape("extension.ref-this-struct")]
    public static void RefThis()
    {
        var c = new Counter();
        c.Deposit(5);
        c.Deposit(5);
        Log.Write("deposited " + c.Count);
    }

    [Shape("extension.block-instance-and-static")]
    public static void Block()
    {
        Log.Write("doubled " + new Account().Doubled());
        Log.Write(Account.Open().Text);
    }

    [Shape("extension.block-ref-receiver")]
    public static void BlockRef()
    {
        var c = new Counter();
        c.Add(2);
        c.Add(3);
        Log.Write("added " + c.Count);
    }
}

public class Access
{
    private int _calls;

    [TracenticScope]
    private int PrivateInstance() => ++_calls;

    [TracenticLlmCall(Provider = "corpus")]
    private static Reply PrivateStatic(int n) => new() { Text = "private static " + n };

    [TracenticScope]
    internal int InternalInstance() => ++_calls;

    [TracenticScope]
    protected virtual int ProtectedVirtual() => 1;

    [TracenticScope]
    private T PrivateGeneric<T>(T value) => value;

    public string Run() => $"{PrivateInstance()} {PrivateInstance()} {PrivateStatic(3).Text} {InternalInstance()} {ProtectedVirtual()} {PrivateGeneric("g")} calls {_calls}";

    [Shape("access.private-internal-protected")]
    public static void RunShape() => Log.Write(new Access().Run());

    [Shape("access.protected-override-from-derived")]
    public static void Derived() => Log.Write(new DerivedAccess().RunDerived());
}

public sealed class DerivedAccess : Access
{
    protected override int ProtectedVirtual() => 2;

    public string RunDerived() => "derived " + ProtectedVirtual() + " " + base.ProtectedVirtual();
}

public class Animal
{
    [TracenticLlmCall(Provider = "corpus")]
    public virtual Reply Speak() => new() { Text = "..." };

    [TracenticScope]
    public virtual string Name() => "animal";
}

public sealed class Dog : Animal
{
    public override Reply Speak() => new() { Text = "woof after " + base.Speak().Text };

    public override string Name() => "dog";
}

public interface IGreeter
{
    [TracenticLlmCall(Provider = "corpus")]
    Reply Greet(string who);
}

public sealed class Greeter : IGreeter
{
    public int Greeted;

    public Reply Greet(string who) => new() { Text = "hello " + who + " #" + ++Greeted };
}

public abstract class Figure
{
    [TracenticScope]
    public abstract double Area();
}

public sealed class Square(double side) : Figure
{
    public override double Area() => side * side;
}

public static class Dispatch
{
    [Shape("virtual.override-through-base-reference")]
    public static void Override()
    {
        Animal a = new Dog();
        Log.Write(a.Speak().Text + " / " + a.Name());
        Log.Write(new Dog().Speak().Text);
    }

    [Shape("interface.through-interface-and-direct")]
    public static void Interface()
    {
        var g = new Greeter();
        IGreeter viaInterface = g;
        Log.Write(viaInterface.Greet("i").Text);
        Log.Write(g.Greet("d").Text);
        Log.Write("greeted " + g.Greeted);
    }

    [Shape("abstract.member-through-base")]
    public static void Abstract()
    {
        Figure s = new Square(3);
        Log.Write("area " + s.Area());
    }
}

public static class Lazy
{
    static Lazy() => Log.WriteFor("static.constructor-runs-when-it-did", "Lazy static constructor");

    [TracenticScope]
    public static int Touch() => 1;
}

public static class Recursion
{
    [TracenticScope]
    public static int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);

    [TracenticLlmCall(Provider = "corpus")]
    public static Reply Nested(int n) => new() { Text = n == 0 ? "leaf" : "(" + Nested(n - 1).Text + ")" };

    [Shape("static.constructor-runs-when-it-did")]
    public static void StaticConstructor()
    {
        Log.Write("before first call");
        Log.Write("Touch " + Lazy.Touch());
    }

    [Shape("recursion.scope-and-llm")]
    public static void Recursive()
    {
        Log.Write("depth " + Depth(4));
        Log.Write(Nested(3).Text);
    }
}
