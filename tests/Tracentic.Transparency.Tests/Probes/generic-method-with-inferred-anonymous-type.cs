// A generic annotated method called with an anonymous type argument (generated code cannot name it).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public T Echo<T>(T value) => value;

    [TracenticLlmCall(Provider = "probe")]
    public Reply Many<T>(List<T> values) => new();

    public void Use() { var a = Echo(new { X = 1 }); Many(new List<int>()); var lst = new[] { new { Y = 2 } }; Echo(lst); }
}
