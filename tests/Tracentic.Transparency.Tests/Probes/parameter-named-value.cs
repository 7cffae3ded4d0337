// A parameter named `value` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string value) => new() { Text = value };

    [TracenticScope]
    public async Task<Reply> Async(string value) { await Task.Yield(); return new() { Text = value }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string value) { await Task.Yield(); yield return new() { Text = value }; }

    [TracenticScope]
    public void Void(string value) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
