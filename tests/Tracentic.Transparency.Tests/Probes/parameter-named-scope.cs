// A parameter named `scope` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string scope) => new() { Text = scope };

    [TracenticScope]
    public async Task<Reply> Async(string scope) { await Task.Yield(); return new() { Text = scope }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string scope) { await Task.Yield(); yield return new() { Text = scope }; }

    [TracenticScope]
    public void Void(string scope) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
