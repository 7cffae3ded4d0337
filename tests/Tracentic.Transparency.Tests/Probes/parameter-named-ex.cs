// A parameter named `ex` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string ex) => new() { Text = ex };

    [TracenticScope]
    public async Task<Reply> Async(string ex) { await Task.Yield(); return new() { Text = ex }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string ex) { await Task.Yield(); yield return new() { Text = ex }; }

    [TracenticScope]
    public void Void(string ex) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
