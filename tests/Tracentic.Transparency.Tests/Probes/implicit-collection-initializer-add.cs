// An annotated Add, called implicitly by a collection initializer.
using System.Collections;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Prompts : IEnumerable<string>
{
    private readonly List<string> _items = [];

    [TracenticScope]
    public void Add(string prompt) => _items.Add(prompt);

    public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
public static class Use
{
    public static Prompts Run() => new Prompts { "a", "b" };
}
