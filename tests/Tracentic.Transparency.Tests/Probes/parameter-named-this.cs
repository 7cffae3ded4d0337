// A parameter named `this` must not clash with a local or parameter of the generated wrapper.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Sync(string @this) => new() { Text = @this };

    [TracenticScope]
    public async Task<Reply> Async(string @this) { await Task.Yield(); return new() { Text = @this }; }

    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerable<Reply> Stream(string @this) { await Task.Yield(); yield return new() { Text = @this }; }

    [TracenticScope]
    public void Void(string @this) { }

    public async Task Use()
    {
        Sync("a");
        await Async("b");
        await foreach (var _ in Stream("c")) { }
        Void("d");
    }
}
