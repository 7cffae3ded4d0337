// Optional parameters with defaults the wrapper must not restate wrongly (enum, decimal, string with quotes, null, default struct).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public enum Mode { A = 1, B = 2 }
public class Client
{
    [TracenticScope]
    public string All(Mode mode = Mode.B, decimal price = 1.5m, string text = "a\"b\n", object? o = null, DateTime when = default, char c = '\'', double d = double.NaN, float f = float.PositiveInfinity, long big = long.MinValue) => text;

    public void Use() { All(); All(text: "x"); }
}
