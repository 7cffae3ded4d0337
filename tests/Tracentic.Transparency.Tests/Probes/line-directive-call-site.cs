// A call site under a #line directive (mapped to another file, as Razor and other generators do).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Ask() => 1;

    public int Use()
    {
#line 42 "/views/Page.cshtml"
        return Ask();
#line default
    }
}
