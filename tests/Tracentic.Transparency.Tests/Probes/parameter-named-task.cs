// A parameter named `task` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string task) => new() { Text = task };

    [TracenticScope]
    public async Task<Reply> Async(string task) { await Task.Yield(); return new() { Text = task }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string task) { await Task.Yield(); yield return new() { Text = task }; }

    [TracenticScope]
    public void Void(string task) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
