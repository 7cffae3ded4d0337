// probe: warnaserror
// [UnscopedRef] on a struct method ('this' unscoped) and on an out parameter, [EnumeratorCancellation] on an async
// iterator, [ConstantExpected]: each keeps its meaning through the wrapper without a warning in generated code.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

public struct Counter
{
    private int _value;

    [TracenticScope] [UnscopedRef] public void Bump(out int before) { before = _value; _value++; }
    [TracenticScope] public static void Fill([UnscopedRef] out int slot) => slot = 1;
    public int Run() { var c = new Counter(); c.Bump(out var b); Fill(out var s); return b + s + Count(3); }

    [TracenticScope] public static int Count([ConstantExpected(Min = 0, Max = 8)] int bits) => bits;
}

public static class Streams
{
    [TracenticScope]
    public static async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return 1;
    }

    public static async Task<int> Sum(CancellationToken token)
    {
        var sum = 0;
        await foreach (var n in Numbers().WithCancellation(token))
        {
            sum += n;
        }

        return sum;
    }
}
