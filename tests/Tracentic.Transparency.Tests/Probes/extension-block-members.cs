// C# 14 extension blocks: instance and static members, generic receivers, a ref receiver of a struct.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public struct Counter { public int Count; }
public static class Extensions
{
    extension(string s)
    {
        [TracenticScope]
        public int Twice() => s.Length * 2;

        [TracenticLlmCall(Provider = "probe")]
        public static Reply Make() => new();
    }

    extension<T>(List<T> list)
    {
        [TracenticScope]
        public T FirstOne() => list[0];
    }

    extension(ref Counter c)
    {
        [TracenticScope]
        public void Bump() => c.Count++;
    }

    public static void Use()
    {
        "ab".Twice();
        string.Make();
        new List<int> { 1 }.FirstOne();
        var c = new Counter();
        c.Bump();
    }
}
