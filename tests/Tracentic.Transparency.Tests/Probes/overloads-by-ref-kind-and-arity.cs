// Overloads that differ by ref kind, by generic arity and by params, all annotated.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope] public int M(int x) => 1;
    [TracenticScope] public int M(ref int x) => 2;
    [TracenticScope] public int M<T>(T x) => 3;
    [TracenticScope] public int M<T, U>(T x, U y) => 4;
    [TracenticScope] public int M(params int[] xs) => 5;
    [TracenticScope] public int M(out string s) { s = ""; return 6; }

    public int Use()
    {
        var i = 0;
        return M(1) + M(ref i) + M("s") + M(1, "u") + M(1, 2, 3) + M(out var s);
    }
}
