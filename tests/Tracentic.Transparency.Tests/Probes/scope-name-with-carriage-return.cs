// A scope name, provider and model containing carriage-return (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\rb")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\rb", Model = "a\rb", OperationType = "a\rb")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
