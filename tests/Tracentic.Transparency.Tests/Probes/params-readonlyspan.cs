// `params ReadOnlySpan<T>` (C# 13) and `params` collections.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Sum(params ReadOnlySpan<int> values) { var s = 0; foreach (var v in values) s += v; return s; }

    [TracenticLlmCall(Provider = "probe")]
    public Reply Join<T>(params ReadOnlySpan<T> values) => new() { Text = values.Length.ToString() };

    [TracenticScope]
    public int Count(params List<string> values) => values.Count;

    public void Use() { Sum(1, 2, 3); Join("a", "b"); Count("x", "y"); }
}
