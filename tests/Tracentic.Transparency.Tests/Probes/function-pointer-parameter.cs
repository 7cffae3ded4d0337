// A function-pointer parameter.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public unsafe class Client
{
    [TracenticScope]
    public int Call(delegate*<int, int> f, int x) => f(x);

    [TracenticLlmCall(Provider = "probe")]
    public Reply Managed(delegate* managed<string, Reply> f) => f("a");

    private static int Twice(int x) => x * 2;

    private static Reply Make(string s) => new() { Text = s };

    public void Use() { Call(&Twice, 2); Managed(&Make); }
}
