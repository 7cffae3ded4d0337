// Tuple returns with element names, nullable reference types in generics, and arrays of arrays.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public (int Count, string? Name) Pair() => (1, null);

    [TracenticLlmCall(Provider = "probe")]
    public Task<(Reply Reply, int[][] Jagged)> Later(List<string?>? items) => Task.FromResult((new Reply(), new int[0][]));

    public async Task Use() { var p = Pair(); _ = p.Name; var l = await Later(null); _ = l.Jagged; }
}
