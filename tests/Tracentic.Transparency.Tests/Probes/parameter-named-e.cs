// A parameter named `e` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string e) => new() { Text = e };

    [TracenticScope]
    public async Task<Reply> Async(string e) { await Task.Yield(); return new() { Text = e }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string e) { await Task.Yield(); yield return new() { Text = e }; }

    [TracenticScope]
    public void Void(string e) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
