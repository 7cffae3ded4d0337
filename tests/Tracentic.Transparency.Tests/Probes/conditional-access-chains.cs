// Null-conditional calls on struct?, on results of calls, and as statements.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public struct S { public int N; [TracenticScope] public int Get() => N; }
public class Node
{
    public Node? Next;
    [TracenticScope] public Node? Step() => Next;
    [TracenticLlmCall(Provider = "probe")] public Reply? Ask() => null;

    public int? Use(S? s) { Next?.Step()?.Step(); var t = Ask()?.Text; Next?.Ask(); return s?.Get(); }
}
