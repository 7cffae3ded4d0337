// An `out result` parameter (as in TryGet patterns) and `out` with a discard.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Cache
{
    [TracenticScope]
    public bool TryGet(string key, out Reply result) { result = new(); return true; }

    [TracenticLlmCall(Provider = "probe")]
    public Reply Fetch(out int result, ref int task) { result = task; return new(); }

    public void Use()
    {
        TryGet("k", out var r);
        TryGet("k", out _);
        var t = 1;
        Fetch(out var x, ref t);
    }
}
