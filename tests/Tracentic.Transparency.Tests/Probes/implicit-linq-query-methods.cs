// Annotated Select/Where extension methods, called implicitly by query syntax.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Source<T>(List<T> items)
{
    public List<T> Items => items;
}
public static class SourceExtensions
{
    [TracenticScope]
    public static Source<U> Select<T, U>(this Source<T> s, Func<T, U> f) => new(s.Items.ConvertAll(x => f(x)));

    [TracenticScope]
    public static Source<T> Where<T>(this Source<T> s, Func<T, bool> p) => new(s.Items.FindAll(x => p(x)));
}
public static class Use
{
    public static Source<int> Run() => from x in new Source<int>([1, 2, 3]) where x > 1 select x * 2;
}
