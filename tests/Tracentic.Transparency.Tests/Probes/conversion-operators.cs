// Annotated user-defined conversion operators, applied with a cast and implicitly.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public readonly struct Tokens
{
    public readonly int Count;

    public Tokens(int count) => Count = count;

    [TracenticScope]
    public static implicit operator int(Tokens t) => t.Count;

    [TracenticScope]
    public static explicit operator Tokens(int n) => new(n);
}
public static class Use
{
    public static int Run() { var t = (Tokens)3; int n = t; return (int)t + n; }
}
