// A parameter named `content` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string content) => new() { Text = content };

    [TracenticScope]
    public async Task<Reply> Async(string content) { await Task.Yield(); return new() { Text = content }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string content) { await Task.Yield(); yield return new() { Text = content }; }

    [TracenticScope]
    public void Void(string content) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
