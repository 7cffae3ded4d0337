// Constraints generated code must restate: unmanaged, notnull, Enum, Delegate, new(), class?, default.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int A<T>(T v) where T : unmanaged => 1;

    [TracenticScope]
    public int B<T>(T v) where T : notnull => 1;

    [TracenticScope]
    public int C<T>(T v) where T : struct, Enum => 1;

    [TracenticScope]
    public int D<T>(T v) where T : Delegate => 1;

    [TracenticScope]
    public int E<T>(T? v) where T : class? => 1;

    [TracenticScope]
    public int F<T>() where T : new() => 1;

    public void Use() { A(1); B("b"); C(DayOfWeek.Monday); D(new Action(() => { })); E<string>(null); F<object>(); }
}

public class Base { [TracenticScope] public virtual int G<T>(T? v) => 1; }
public class Derived : Base { public override int G<T>(T? v) where T : default => 2; public void Use() => G<int>(1); }
