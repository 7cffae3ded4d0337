// A private static method of a struct, called from inside the struct.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public struct Calc
{
    public int Value;

    [TracenticScope]
    private static int Twice(int x) => x * 2;

    [TracenticLlmCall(Provider = "probe")]
    private static Reply Ask(string s) => new() { Text = s };

    public int Run() => Twice(Value) + Ask("a").Text.Length;
}
