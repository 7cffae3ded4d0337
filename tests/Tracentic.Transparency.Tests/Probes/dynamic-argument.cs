// A call with a dynamic argument binds at run time: no interception is possible (must be reported, or compile unchanged).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Take(object o) => 1;

    public void Use(dynamic d) { Take((object)d); }
}
