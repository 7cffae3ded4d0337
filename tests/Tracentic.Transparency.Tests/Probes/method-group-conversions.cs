// Annotated methods used as method groups: delegates, LINQ arguments, function pointers (report them: TRC101).
using System.Linq;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public static unsafe class Use
{
    [TracenticScope]
    public static int Twice(int x) => x * 2;

    [TracenticLlmCall(Provider = "probe")]
    public static Reply Ask(string p) => new() { Text = p };

    public static int Run()
    {
        Func<int, int> f = Twice;
        var sum = new[] { 1, 2 }.Select(Twice).Sum();
        delegate*<int, int> p = &Twice;
        var replies = new List<string> { "a" }.ConvertAll(Ask);
        return f(1) + sum + p(2) + replies.Count + nameof(Twice).Length;
    }
}
