// Caller-info parameters ([CallerMemberName], [CallerFilePath], [CallerLineNumber], [CallerArgumentExpression]).
using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public string Where([CallerMemberName] string member = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) => member + file + line;

    [TracenticLlmCall(Provider = "probe")]
    public Reply Check(bool condition, [CallerArgumentExpression(nameof(condition))] string? expression = null) => new() { Text = expression ?? "" };

    public void Use() { Where(); Check(1 > 0); }
}
