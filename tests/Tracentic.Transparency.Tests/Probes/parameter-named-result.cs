// A parameter named `result` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string result) => new() { Text = result };

    [TracenticScope]
    public async Task<Reply> Async(string result) { await Task.Yield(); return new() { Text = result }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string result) { await Task.Yield(); yield return new() { Text = result }; }

    [TracenticScope]
    public void Void(string result) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
