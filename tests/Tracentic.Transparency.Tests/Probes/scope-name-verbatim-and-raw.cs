// Scope names written as verbatim, raw and concatenated constant strings with a line break.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    private const string Prefix = "pre\n";

    [TracenticScope(@"verbatim
name")]
    public int A() => 1;

    [TracenticScope("""
        raw "quoted"
        name
        """)]
    public int B() => 1;

    [TracenticLlmCall(Provider = Prefix + "fix")]
    public Reply C() => new();

    public void Use() { A(); B(); C(); }
}
