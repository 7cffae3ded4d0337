// A method named with a keyword (@class) and a type named with one (@event).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class @event
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply @class(int @int) => new();

    [TracenticScope]
    public static int @static(string @string) => 1;

    public void Use() { @class(1); @static("s"); }
}
