// An annotated Dispose/DisposeAsync, called implicitly by using statements and declarations.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Session : IDisposable, IAsyncDisposable
{
    [TracenticScope]
    public void Dispose() { }

    [TracenticScope]
    public ValueTask DisposeAsync() => default;
}
public static class Use
{
    public static async Task Run()
    {
        using (new Session()) { }
        using var s = new Session();
        await using var a = new Session();
    }
}
