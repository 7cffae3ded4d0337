// An annotated custom interpolated string handler's AppendLiteral/AppendFormatted (called implicitly by $"...").
using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

[InterpolatedStringHandler]
public ref struct PromptHandler
{
    private System.Text.StringBuilder _text;

    public PromptHandler(int literalLength, int formattedCount) => _text = new();

    [TracenticScope]
    public void AppendLiteral(string s) => _text.Append(s);

    [TracenticScope]
    public void AppendFormatted<T>(T value) => _text.Append(value);

    public override string ToString() => _text.ToString();
}
public static class Use
{
    public static string Build(PromptHandler handler) => handler.ToString();

    public static string Run() { var n = 1; var direct = new PromptHandler(1, 0); direct.AppendLiteral("x"); return Build($"a{n}b") + direct.ToString(); }
}
