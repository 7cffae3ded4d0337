// Annotated indexer accessors (uses are element accesses, not calls).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Cache
{
    private readonly Dictionary<string, Reply> _items = [];

    public Reply this[string key]
    {
        [TracenticLlmCall(Provider = "probe")]
        get => _items[key];
        [TracenticScope]
        set => _items[key] = value;
    }
}
public static class Use
{
    public static Reply Run() { var c = new Cache(); c["k"] = new Reply(); return c["k"]; }
}
