// `ref readonly` and `in` parameters, and an `in` argument passed without the keyword.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public readonly struct Big { public readonly long A, B, C; }
public class Client
{
    [TracenticScope]
    public long Sum(in Big b, ref readonly Big c) => b.A + c.B;

    public void Use() { var b = new Big(); Sum(b, in b); Sum(in b, ref b); }
}
