// User code declaring types in namespaces named like generated code's (Tracentic.Generated).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

namespace Tracentic.Generated
{
    public static class Helpers { public static int Value = 1; }
}

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask(int count) => new();

    public void Use() => Ask(global::Tracentic.Generated.Helpers.Value);
}
