// An annotated default interface method called through the interface and a generic constraint.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public interface IGreeter
{
    [TracenticScope]
    int Greet() => 1;
}
public struct Greeter : IGreeter { }
public static class Use
{
    public static int Run<T>(T g) where T : IGreeter => g.Greet();
    public static int Run2() { IGreeter g = new Greeter(); return g.Greet() + Run(new Greeter()); }
}
