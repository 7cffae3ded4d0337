// A type parameter with `allows ref struct` (C# 13), instantiated with a span.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Size<T>(T value) where T : allows ref struct => 1;

    [TracenticLlmCall(Provider = "probe")]
    public Reply Take<T>(scoped T value) where T : allows ref struct => new();

    public void Use()
    {
        Span<int> s = stackalloc int[1];
        Size(s);
        Size(1);
        Take<ReadOnlySpan<char>>("a".AsSpan());
    }
}
