// A scope name, provider and model containing u2029 (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\u2029b")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\u2029b", Model = "a\u2029b", OperationType = "a\u2029b")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
