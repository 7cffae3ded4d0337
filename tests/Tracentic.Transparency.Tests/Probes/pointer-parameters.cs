// Pointer parameters and pointer returns in an unsafe context.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public unsafe class Client
{
    [TracenticScope]
    public int Read(int* p) => *p;

    [TracenticLlmCall(Provider = "probe")]
    public Reply Write(byte* buffer, int length) => new();

    [TracenticScope]
    public static int* Same(int* p) => p;

    public void Use()
    {
        var x = 1;
        Read(&x);
        byte b = 0;
        Write(&b, 1);
        Same(&x);
    }
}
