// A parameter named `u` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string u) => new() { Text = u };

    [TracenticScope]
    public async Task<Reply> Async(string u) { await Task.Yield(); return new() { Text = u }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string u) { await Task.Yield(); yield return new() { Text = u }; }

    [TracenticScope]
    public void Void(string u) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
