// An annotated property getter used in a property pattern, an object initializer (setter) and a with-expression.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed record Settings
{
    private string _model = "m";

    public string Model
    {
        [TracenticScope]
        get => _model;
        [TracenticScope]
        init => _model = value;
    }
}
public static class Use
{
    public static bool Run() { var s = new Settings { Model = "x" }; var t = s with { Model = "y" }; return t is { Model: "y" }; }
}
