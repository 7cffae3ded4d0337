// Private instance members of a readonly struct and a record struct.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public readonly struct Frozen
{
    public readonly int Value;

    [TracenticScope]
    private int Twice() => Value * 2;

    public int Run() => Twice();
}

public record struct Point(int X)
{
    [TracenticLlmCall(Provider = "probe")]
    private Reply Ask() => new() { Text = X.ToString() };

    public string Run() => Ask().Text;
}
