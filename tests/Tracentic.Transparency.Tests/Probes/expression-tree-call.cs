// A call inside an expression tree (TRC103: reported and left as written).
using System.Linq.Expressions;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public int Value(int x) => x;

    public Expression<Func<int>> Use() => () => Value(1);
}
