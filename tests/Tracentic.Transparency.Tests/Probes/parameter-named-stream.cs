// A parameter named `stream` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string stream) => new() { Text = stream };

    [TracenticScope]
    public async Task<Reply> Async(string stream) { await Task.Yield(); return new() { Text = stream }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string stream) { await Task.Yield(); yield return new() { Text = stream }; }

    [TracenticScope]
    public void Void(string stream) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
