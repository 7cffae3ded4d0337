// A captured parameter whose name is a keyword or clashes with generated names (@event, call, attributes).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask([TracenticAttribute] string @event, [TracenticAttribute("k")] string attributes, [TracenticModel] string model, [TracenticAttribute] string site) => new();

    public void Use() => Ask("e", "a", "m", "s");
}
