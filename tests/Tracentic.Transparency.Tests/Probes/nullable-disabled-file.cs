// Annotated methods in a file with #nullable disable, called with null arguments.
#nullable disable
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask(string prompt, [TracenticModel] string model, [TracenticAttribute("k")] object value) => new();

    [TracenticScope]
    public Task<Reply> Later([TracenticCorrelationId] string id, [TracenticParentScopeId] string parent) => Task.FromResult(new Reply());

    public void Use() { Ask(null, null, null); Later(null, null); }
}
