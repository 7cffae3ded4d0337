// A parameter named `usage` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string usage) => new() { Text = usage };

    [TracenticScope]
    public async Task<Reply> Async(string usage) { await Task.Yield(); return new() { Text = usage }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string usage) { await Task.Yield(); yield return new() { Text = usage }; }

    [TracenticScope]
    public void Void(string usage) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
