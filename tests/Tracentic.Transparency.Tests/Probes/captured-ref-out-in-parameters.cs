// Captured parameters passed by reference: out (unassigned before the call), ref, in, ref readonly.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask([TracenticAttribute("out")] out int produced, [TracenticModel] ref string model, [TracenticAttribute] in int limit) { produced = limit; return new(); }

    [TracenticScope]
    public int Scope([TracenticCorrelationId] ref readonly string id, [TracenticParentScopeId] out string? parent) { parent = null; return id.Length; }

    public void Use() { var m = "m"; Ask(out var p, ref m, 3); var id = "c"; Scope(in id, out _); }
}
