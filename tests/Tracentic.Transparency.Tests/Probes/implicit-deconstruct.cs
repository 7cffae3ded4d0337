// An annotated Deconstruct, called implicitly by deconstruction (assignment, declaration, foreach).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Pair
{
    [TracenticScope]
    public void Deconstruct(out int a, out string b) { a = 1; b = "b"; }
}
public static class Use
{
    public static int Run()
    {
        var (a, b) = new Pair();
        int c; string d;
        (c, d) = new Pair();
        foreach (var (e, f) in new[] { new Pair() }) c += e;
        return a + c + b.Length + d.Length;
    }
}
