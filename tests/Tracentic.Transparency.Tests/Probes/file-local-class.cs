// Members of a `file` class (generated code in another file cannot name it).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

file sealed class Hidden
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask() => new();

    [TracenticScope]
    public static int Count() => 1;
}

file record FileReply(string Text);

public static class Use
{
    public static void Run() { new Hidden().Ask(); Hidden.Count(); }
}

public class Client
{
    [TracenticScope]
    public int Take(object o) => 1;

    public void Run() => Take(new FileReply("x"));
}
