// A method group (TRC101) and a base call (TRC102): reported and left as written.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Base
{
    [TracenticLlmCall(Provider = "probe")]
    public virtual Reply Ask(string s) => new();
}

public class Derived : Base
{
    public override Reply Ask(string s) => base.Ask(s);

    public Func<string, Reply> Group() => Ask;
}
