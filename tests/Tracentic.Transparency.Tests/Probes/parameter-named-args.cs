// A parameter named `args` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string args) => new() { Text = args };

    [TracenticScope]
    public async Task<Reply> Async(string args) { await Task.Yield(); return new() { Text = args }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string args) { await Task.Yield(); yield return new() { Text = args }; }

    [TracenticScope]
    public void Void(string args) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
