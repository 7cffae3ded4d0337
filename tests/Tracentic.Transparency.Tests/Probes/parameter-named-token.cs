// A parameter named `token` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string token) => new() { Text = token };

    [TracenticScope]
    public async Task<Reply> Async(string token) { await Task.Yield(); return new() { Text = token }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string token) { await Task.Yield(); yield return new() { Text = token }; }

    [TracenticScope]
    public void Void(string token) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
