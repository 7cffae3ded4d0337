// A scope name, provider and model containing quote-and-backslash (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\"b\\c")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\"b\\c", Model = "a\"b\\c", OperationType = "a\"b\\c")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
