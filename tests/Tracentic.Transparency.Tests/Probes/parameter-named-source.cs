// A parameter named `source` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string source) => new() { Text = source };

    [TracenticScope]
    public async Task<Reply> Async(string source) { await Task.Yield(); return new() { Text = source }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string source) { await Task.Yield(); yield return new() { Text = source }; }

    [TracenticScope]
    public void Void(string source) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
