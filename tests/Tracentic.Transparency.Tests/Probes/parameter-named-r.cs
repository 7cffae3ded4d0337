// A parameter named `r` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string r) => new() { Text = r };

    [TracenticScope]
    public async Task<Reply> Async(string r) { await Task.Yield(); return new() { Text = r }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string r) { await Task.Yield(); yield return new() { Text = r }; }

    [TracenticScope]
    public void Void(string r) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
