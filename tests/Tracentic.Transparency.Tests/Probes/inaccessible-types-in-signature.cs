// A public method of a private nested type, with private nested types in its signature.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Outer
{
    private sealed class Secret { }

    private sealed class Worker
    {
        [TracenticLlmCall(Provider = "probe")]
        public Reply Ask(Secret s) => new();

        [TracenticScope]
        protected internal Secret Make() => new();
    }

    public void Use() { var w = new Worker(); w.Ask(w.Make()); }
}
