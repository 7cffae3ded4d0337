// A method returning by reference (TRC105: reported and left unwrapped).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    private int _value;

    [TracenticScope]
    public ref int Value() => ref _value;

    [TracenticScope]
    public Span<int> Slice(int[] a) => a.AsSpan();

    public void Use() { Value() = 2; Slice(new int[1]); }
}
