// An annotated extension GetEnumerator (C# 9 pattern) and an annotated GetAsyncEnumerator, used by foreach/await foreach.
using System.Threading;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public readonly record struct Range(int Count);
public static class RangeExtensions
{
    [TracenticScope]
    public static IEnumerator<int> GetEnumerator(this Range r) { for (var i = 0; i < r.Count; i++) yield return i; }
}
public sealed class Feed : IAsyncEnumerable<int>
{
    [TracenticLlmCall(Provider = "probe")]
    public async IAsyncEnumerator<int> GetAsyncEnumerator(CancellationToken token = default) { await Task.Yield(); yield return 1; }
}
public static class Use
{
    public static async Task<int> Run() { var n = 0; foreach (var i in new Range(2)) n += i; await foreach (var j in new Feed()) n += j; return n; }
}
