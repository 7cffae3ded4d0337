// A static abstract interface member called through a type parameter.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public interface IFactory<TSelf> where TSelf : IFactory<TSelf>
{
    [TracenticScope]
    static abstract TSelf Create(int seed);

    [TracenticLlmCall(Provider = "probe")]
    static virtual Reply Describe() => new();
}

public sealed class Thing : IFactory<Thing>
{
    public static Thing Create(int seed) => new();
}

public static class Use
{
    public static T Make<T>() where T : IFactory<T> { T.Describe(); return T.Create(1); }

    public static void Run() => Make<Thing>();
}
