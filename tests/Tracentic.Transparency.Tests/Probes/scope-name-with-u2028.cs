// A scope name, provider and model containing u2028 (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\u2028b")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\u2028b", Model = "a\u2028b", OperationType = "a\u2028b")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
