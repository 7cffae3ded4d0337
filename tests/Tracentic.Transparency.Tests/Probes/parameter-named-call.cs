// A parameter named `call` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string call) => new() { Text = call };

    [TracenticScope]
    public async Task<Reply> Async(string call) { await Task.Yield(); return new() { Text = call }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string call) { await Task.Yield(); yield return new() { Text = call }; }

    [TracenticScope]
    public void Void(string call) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
