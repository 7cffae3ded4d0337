// An annotated method whose parameter and return types are [Obsolete] (the user suppresses CS0612/CS0618 around them).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

#pragma warning disable CS0612, CS0618
[Obsolete]
public sealed class OldReply { }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public OldReply Ask(OldReply r) => r;

    public void Use() => Ask(new OldReply());
}
#pragma warning restore CS0612, CS0618
