// Annotated GetEnumerator/MoveNext/Current/Dispose, called implicitly by foreach (no call to intercept: report it).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Bag
{
    [TracenticScope]
    public Enumerator GetEnumerator() => new();

    public struct Enumerator : IDisposable
    {
        private int _i;

        [TracenticScope]
        public bool MoveNext() => ++_i < 3;

        public int Current
        {
            [TracenticScope]
            get => _i;
        }

        [TracenticScope]
        public void Dispose() { }
    }
}

public static class Use
{
    public static int Run() { var n = 0; foreach (var i in new Bag()) n += i; return n; }
}
