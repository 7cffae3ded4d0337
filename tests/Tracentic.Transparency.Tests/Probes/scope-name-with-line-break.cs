// A scope name, provider and model containing line-break (a string literal in generated code must stay one literal).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope("a\nb")]
    public int Scoped() => 1;

    [TracenticLlmCall(Provider = "a\nb", Model = "a\nb", OperationType = "a\nb")]
    public Reply Ask() => new();

    public void Use() { Scoped(); Ask(); }
}
