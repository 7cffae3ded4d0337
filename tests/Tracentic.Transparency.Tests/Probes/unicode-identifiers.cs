// Identifiers with non-ASCII letters and Unicode escapes.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Größe
{
    [TracenticScope]
    public int Maß(int wert) => wert;

    [TracenticLlmCall(Provider = "probe")]
    public Reply \u0041sk(string ß) => new();

    public void Use() { Maß(1); Ask("x"); }
}
