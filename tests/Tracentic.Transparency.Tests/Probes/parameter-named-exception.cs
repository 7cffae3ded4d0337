// A parameter named `exception` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string exception) => new() { Text = exception };

    [TracenticScope]
    public async Task<Reply> Async(string exception) { await Task.Yield(); return new() { Text = exception }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string exception) { await Task.Yield(); yield return new() { Text = exception }; }

    [TracenticScope]
    public void Void(string exception) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
