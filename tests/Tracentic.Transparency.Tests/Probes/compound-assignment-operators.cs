// Annotated operators used through compound assignment (a += b) and increment (x++), and C# 14 instance operator +=.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public struct Meter
{
    public int Value;

    [TracenticScope]
    public static Meter operator +(Meter a, int b) => new() { Value = a.Value + b };

    [TracenticScope]
    public static Meter operator ++(Meter a) => new() { Value = a.Value + 1 };

    [TracenticScope]
    public void operator -=(int b) => Value -= b;
}
public static class Use
{
    public static int Run() { var m = new Meter(); m += 2; m++; m -= 1; return m.Value; }
}
