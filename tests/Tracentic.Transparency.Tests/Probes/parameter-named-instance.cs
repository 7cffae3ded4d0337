// A parameter named `instance` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string instance) => new() { Text = instance };

    [TracenticScope]
    public async Task<Reply> Async(string instance) { await Task.Yield(); return new() { Text = instance }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string instance) { await Task.Yield(); yield return new() { Text = instance }; }

    [TracenticScope]
    public void Void(string instance) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
