// [TracenticAttribute] keys with quotes, backslashes, line breaks and non-ASCII letters.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Ask([TracenticAttribute("a\"b\\c")] int a, [TracenticAttribute("line\nbreak")] int b, [TracenticAttribute("größe\u2028x")] int c) => a + b + c;

    public void Use() => Ask(1, 2, 3);
}
