// Annotated members of types nested in generic types, called from generic code.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Outer<T>
{
    public class Inner<U>
    {
        [TracenticLlmCall(Provider = "probe")]
        public Reply Ask(T t, U u) => new();

        public struct Deep
        {
            public int Count;

            [TracenticScope]
            public int Bump() => ++Count;
        }
    }

    public static void Use<V>(T t, V v)
    {
        new Inner<V>().Ask(t, v);
        var d = new Inner<V>.Deep();
        d.Bump();
    }
}
