// protected, private protected and protected internal members called from a derived class.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Base
{
    [TracenticScope] protected int A() => 1;
    [TracenticScope] private protected int B() => 2;
    [TracenticLlmCall(Provider = "probe")] protected internal Reply C() => new();
    [TracenticScope] protected static int D() => 4;
}
public class Derived : Base
{
    public int Use() => A() + B() + C().Text.Length + D();
}
