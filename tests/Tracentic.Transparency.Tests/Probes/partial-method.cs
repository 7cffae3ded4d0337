// An annotated partial method (attribute on the defining declaration) and a C# 13 partial property's companion call.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public partial class Client
{
    [TracenticScope]
    public partial int Count(string s);

    public int Use() => Count("abc");
}

public partial class Client
{
    public partial int Count(string s) => s.Length;
}
