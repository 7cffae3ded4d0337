// A method with __arglist.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Count(int first, __arglist) => new ArgIterator(__arglist).GetRemainingCount();

    public void Use() => Count(1, __arglist(2, "three"));
}
