// An [Experimental] annotated method; the user suppresses the diagnostic at their own call site.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [System.Diagnostics.CodeAnalysis.Experimental("PROBE001")]
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask() => new();

    [System.Diagnostics.CodeAnalysis.Experimental("PROBE002")]
    [TracenticScope]
    public System.Threading.Tasks.Task<int> Later() => System.Threading.Tasks.Task.FromResult(1);

#pragma warning disable PROBE001, PROBE002
    public void Use() { Ask(); Later(); }
#pragma warning restore PROBE001, PROBE002
}
