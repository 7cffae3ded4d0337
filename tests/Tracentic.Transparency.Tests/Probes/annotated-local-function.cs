// An annotated local function (static and capturing).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    public int Use()
    {
        var x = 1;
        return Local(2) + Static(3);

        [TracenticScope]
        int Local(int y) => x + y;

        [TracenticLlmCall(Provider = "probe")]
        static int Static(int y) => y;
    }
}
