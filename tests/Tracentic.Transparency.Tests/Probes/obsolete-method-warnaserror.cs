// probe: warnaserror
// An [Obsolete] annotated method; the user suppresses CS0618 at their own call site, not in generated code.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [Obsolete("use Ask2")]
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask() => new();

    [Obsolete("old type")]
    public sealed class OldOptions { }

    [TracenticScope]
#pragma warning disable CS0618
    public int Take(OldOptions options) => 1;

    public void Use()
    {
        Ask();
        Take(new OldOptions());
    }
#pragma warning restore CS0618
}
