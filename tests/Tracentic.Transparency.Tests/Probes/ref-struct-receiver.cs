// Annotated instance methods of a ref struct (the receiver cannot be boxed or captured).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public ref struct Reader
{
    public ReadOnlySpan<char> Rest;

    [TracenticScope]
    public char Next() { var c = Rest[0]; Rest = Rest[1..]; return c; }

    public static char Use() { var r = new Reader { Rest = "ab" }; r.Next(); return r.Next(); }
}
