// A parameter named `state` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string state) => new() { Text = state };

    [TracenticScope]
    public async Task<Reply> Async(string state) { await Task.Yield(); return new() { Text = state }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string state) { await Task.Yield(); yield return new() { Text = state }; }

    [TracenticScope]
    public void Void(string state) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
