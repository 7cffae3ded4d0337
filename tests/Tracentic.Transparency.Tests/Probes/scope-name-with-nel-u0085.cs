// A scope name, provider and model containing nel-u0085 (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\u0085b")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\u0085b", Model = "a\u0085b", OperationType = "a\u0085b")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
