// `scoped` span parameters and span arguments backed by the stack.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int First(scoped Span<int> values) => values[0];

    [TracenticLlmCall(Provider = "probe")]
    public Reply Read(scoped ReadOnlySpan<char> text, scoped ref int count) { count++; return new() { Text = text.ToString() }; }

    public void Use()
    {
        Span<int> local = stackalloc int[2];
        First(local);
        var n = 0;
        Read(stackalloc char[] { 'a' }, ref n);
    }
}
