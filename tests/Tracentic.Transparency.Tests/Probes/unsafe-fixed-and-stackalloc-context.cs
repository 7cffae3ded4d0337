// Annotated calls inside unsafe/fixed blocks and with ref locals as arguments.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public unsafe class Client
{
    [TracenticScope]
    public int Take(ref int x) => ++x;

    public int Use()
    {
        var arr = new int[1];
        fixed (int* p = arr) { Take(ref *p); }
        ref var r = ref arr[0];
        return Take(ref r);
    }
}
