// A parameter named `span` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string span) => new() { Text = span };

    [TracenticScope]
    public async Task<Reply> Async(string span) { await Task.Yield(); return new() { Text = span }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string span) { await Task.Yield(); yield return new() { Text = span }; }

    [TracenticScope]
    public void Void(string span) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
