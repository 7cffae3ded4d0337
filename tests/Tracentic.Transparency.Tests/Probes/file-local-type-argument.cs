// A public annotated generic method called with a `file` type as type argument.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

file sealed class Secret { }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask<T>(T value) => new();

    public void Use() => Ask(new Secret());
}
