// [TracenticAttribute]/[TracenticModel] on span and ref struct parameters (they cannot be boxed).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask([TracenticAttribute("text")] ReadOnlySpan<char> text, [TracenticModel] ReadOnlySpan<char> model) => new();

    [TracenticScope]
    public int Count([TracenticAttribute] Span<byte> bytes, [TracenticCorrelationId] ReadOnlySpan<char> id) => bytes.Length;

    public void Use() { Ask("a", "m"); Count(stackalloc byte[2], "c"); }
}
